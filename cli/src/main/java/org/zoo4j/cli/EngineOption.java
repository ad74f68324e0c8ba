package org.zoo4j.cli;

import org.zoo4j.zoo.Inference;
import org.zoo4j.zoo.file.ModelFile;
import picocli.CommandLine.Option;

/** {@code --engine}, for the commands that run a model forward. */
final class EngineOption {

    @Option(names = "--engine", defaultValue = "dl4j", description = "Who runs the model: dl4j (default) or "
            + "onnxruntime (ONNX Runtime on zoo4j's ONNX export of it: BatchNorm folded into the convolutions, "
            + "activations fused; the same outputs to 1e-4).")
    String engine;

    Inference.Engine chosen() {
        return TrainCommand.choice(Inference.Engine.class, engine, "--engine");
    }

    Inference open(ModelFile model) {
        return chosen().open(model);
    }
}
