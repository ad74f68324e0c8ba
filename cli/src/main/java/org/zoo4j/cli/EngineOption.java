package org.zoo4j.cli;

import org.zoo4j.layers.conv.ComputePrecision;
import org.zoo4j.zoo.Inference;
import org.zoo4j.zoo.file.ModelFile;
import picocli.CommandLine.Mixin;
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

    @Mixin
    PrecisionOption precision;

    Inference open(ModelFile model) {
        Inference.Engine engine = chosen();
        ComputePrecision precision = this.precision.chosen();
        if (precision != ComputePrecision.FLOAT32 && engine != Inference.Engine.DL4J) {
            throw new IllegalArgumentException("--precision " + this.precision.precision + " runs on --engine dl4j");
        }
        try {
            return engine.open(model, precision);
        } catch (IllegalStateException e) { // a model this precision cannot run: say which option asked for it
            throw new IllegalArgumentException("--precision " + this.precision.precision + ": " + e.getMessage(), e);
        }
    }
}
