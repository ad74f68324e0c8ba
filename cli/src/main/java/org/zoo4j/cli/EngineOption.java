package org.zoo4j.cli;

import org.zoo4j.core.InvalidSettingException;
import org.zoo4j.core.file.ModelFile;
import org.zoo4j.core.inference.Dl4jEngine;
import org.zoo4j.core.inference.Inference;
import org.zoo4j.core.inference.InferenceEngine;
import org.zoo4j.layers.conv.ComputePrecision;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code --engine}, for the commands that run a model forward. */
final class EngineOption {

    @Option(names = "--engine", defaultValue = InferenceEngine.AUTO, description = "Who runs the model: auto (default: "
            + "the fastest engine that runs it, ONNX Runtime where it can, and says which), dl4j (DL4J itself, "
            + "BatchNorm folded into the convolutions) or onnxruntime (ONNX Runtime on zoo4j's ONNX export of it: "
            + "BatchNorm folded, activations fused; the same outputs to 1e-4).")
    String engine;

    @Mixin
    PrecisionOption precision;

    private InferenceEngine named;

    /** Checks --engine before any work: the engine it names (looked up on the class path once), or null for auto. */
    InferenceEngine named() {
        if (named == null && !auto()) {
            named = InferenceEngine.named(engine);
        }
        return named;
    }

    private boolean auto() {
        return engine.equalsIgnoreCase(InferenceEngine.AUTO);
    }

    /** Whether --engine names an engine other than DL4J's (which alone trains). */
    boolean namesAnotherEngine() {
        return named() != null && named() != Dl4jEngine.INSTANCE;
    }

    /** The engine for {@code model}: --engine's, or for auto the fastest that runs it, said in one line on {@code log}. */
    InferenceEngine resolve(ModelFile model, PrintWriter log) {
        if (named() != null) {
            return named();
        }
        ComputePrecision chosen = precision.chosen();
        InferenceEngine fastest = InferenceEngine.fastest(model, chosen);
        log.println("zoo4j: engine " + fastest.name() + " (the fastest here that runs this model in "
                + chosen.name().toLowerCase() + "; --engine names one)");
        log.flush();
        return fastest;
    }

    /** {@link #resolve}, then {@link #open(InferenceEngine, ModelFile)}. */
    Inference open(ModelFile model, PrintWriter log) {
        return open(resolve(model, log), model);
    }

    /** {@code model} opened on {@code chosen} in --precision's precision. */
    Inference open(InferenceEngine chosen, ModelFile model) {
        ComputePrecision precision = this.precision.chosen();
        try {
            return chosen.open(model, precision);
        } catch (IllegalStateException e) { // a model this precision cannot run: say which option asked for it
            throw new InvalidSettingException(InferenceEngine.PRECISION, this.precision.precision + ": "
                    + e.getMessage(), e);
        }
    }
}
