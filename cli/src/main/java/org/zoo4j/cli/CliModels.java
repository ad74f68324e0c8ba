package org.zoo4j.cli;

import org.zoo4j.train.Checkpoints;
import org.zoo4j.train.TrainingState;
import org.zoo4j.train.run.RunSettings;
import org.zoo4j.core.file.ModelFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.zoo4j.weights.Pretrained;
import org.zoo4j.weights.PretrainedWeights;
import java.util.Optional;

/** What the commands read from model files beyond the network and its card. */
final class CliModels {

    private CliModels() {
    }

    /** A model file, or zoo4j's shipped weights by tag ({@code resnet20.cifar10}). */
    static ModelFile load(Path modelFile) throws IOException {
        if (!Files.isRegularFile(modelFile) && PretrainedWeights.isTag(modelFile.toString())) {
            return PretrainedWeights.load(modelFile.toString());
        }
        if (!Files.exists(modelFile)) {
            throw new NoSuchFileException(modelFile.toString(), null, "no model file here, and no shipped weights of "
                    + "that name (" + PretrainedWeights.available().stream().map(Pretrained::tag).toList() + ")");
        }
        return ModelFile.load(modelFile);
    }

    /** Whether {@code name} is a model file or a shipped tag (rather than an architecture's name). */
    static boolean isModel(String name) {
        return Files.isRegularFile(Path.of(name)) || PretrainedWeights.isTag(name);
    }

    /** The training run a checkpoint came from; empty for other model files and shipped weights. */
    static Optional<RunSettings> runSettings(Path modelFile) throws IOException {
        if (!Files.isRegularFile(modelFile)) {
            return Optional.empty();
        }
        String state = ModelFile.entry(modelFile, Checkpoints.STATE);
        if (state == null) {
            return Optional.empty();
        }
        String settings = TrainingState.fromJson(state).settings();
        return settings == null ? Optional.empty() : Optional.of(RunSettings.fromJson(settings));
    }
}
