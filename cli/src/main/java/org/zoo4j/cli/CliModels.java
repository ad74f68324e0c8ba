package org.zoo4j.cli;

import org.zoo4j.train.Checkpoints;
import org.zoo4j.train.TrainingState;
import org.zoo4j.train.run.RunSettings;
import org.zoo4j.zoo.file.ModelFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** What the commands read from model files beyond the network and its card. */
final class CliModels {

    private CliModels() {
    }

    /** The CIFAR-10 run a checkpoint came from; empty for other model files. */
    static Optional<RunSettings> runSettings(Path modelFile) throws IOException {
        String state = ModelFile.entry(modelFile, Checkpoints.STATE);
        if (state == null) {
            return Optional.empty();
        }
        String settings = TrainingState.fromJson(state).settings();
        return settings == null ? Optional.empty() : Optional.of(RunSettings.fromJson(settings));
    }
}
