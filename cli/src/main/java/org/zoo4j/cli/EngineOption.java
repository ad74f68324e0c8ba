package org.zoo4j.cli;

import org.zoo4j.core.InvalidSettingException;
import org.zoo4j.core.file.ModelFile;
import org.zoo4j.core.inference.Dl4jEngine;
import org.zoo4j.core.inference.Inference;
import org.zoo4j.core.inference.InferenceEngine;
import org.zoo4j.layers.conv.ComputePrecision;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --engine}, for the commands that run a model forward. */
final class EngineOption {

    @Option(names = "--engine", defaultValue = "dl4j", description = "Who runs the model: dl4j (default) or "
            + "onnxruntime (ONNX Runtime on zoo4j's ONNX export of it: BatchNorm folded into the convolutions, "
            + "activations fused; the same outputs to 1e-4).")
    String engine;

    @Mixin
    PrecisionOption precision;

    private InferenceEngine chosen;

    /** The engine --engine names (looked up on the class path once). */
    InferenceEngine chosen() {
        if (chosen == null) {
            chosen = InferenceEngine.named(engine);
        }
        return chosen;
    }

    boolean isDl4j() {
        return chosen() == Dl4jEngine.INSTANCE;
    }

    Inference open(ModelFile model) {
        ComputePrecision precision = this.precision.chosen();
        try {
            return chosen().open(model, precision);
        } catch (IllegalStateException e) { // a model this precision cannot run: say which option asked for it
            throw new InvalidSettingException(InferenceEngine.PRECISION, this.precision.precision + ": "
                    + e.getMessage(), e);
        }
    }
}
