package org.zoo4j.cli;

import org.zoo4j.core.inference.Prediction;
import org.zoo4j.core.inference.Inference;
import org.zoo4j.core.file.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "predict", description = "Classify images (PNG, JPEG, BMP, GIF; any size) with a model file: each is "
        + "fitted to the model's input (shorter side resized, centre crop) and preprocessed as its card says; top-k "
        + "classes with probabilities.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "A model file (checkpoint, import-torch output, fine-tuned model).")
    Path modelFile;

    @Parameters(index = "1..*", arity = "1..*", description = "Image files.")
    List<Path> images;

    @Option(names = "--top", defaultValue = "3", description = "Classes to show per image (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    InputSize size;

    @Mixin
    EngineOption engine;

    @Option(names = "--batch", defaultValue = "64", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Override
    public Integer call() throws Exception {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        engine.named(); // the flags first, before any work
        ModelFile loaded = CliModels.load(modelFile);
        ModelFile model = new ModelFile(loaded.net(), size.applyTo(loaded.card()));
        if (top < 1 || top > model.card().numClasses()) {
            throw new IllegalArgumentException("--top must be in 1.." + model.card().numClasses() + ", got " + top);
        }
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int[] failed = {0};
        try (Inference inference = engine.open(model, spec.commandLine().getErr())) {
            Prediction.classify(model, inference, images, top, batch, result -> {
                if (!result.ok()) {
                    failed[0]++;
                    err.println("zoo4j: " + result.file() + ": " + result.error());
                    return;
                }
                StringBuilder line = new StringBuilder(result.file().toString()).append(":");
                for (Prediction.Guess g : result.guesses()) {
                    line.append(String.format(Locale.ROOT, " %s %.3f", g.label(), g.probability()));
                }
                out.println(line);
            });
        }
        out.flush();
        err.flush();
        return failed[0] == 0 ? 0 : 1;
    }
}
