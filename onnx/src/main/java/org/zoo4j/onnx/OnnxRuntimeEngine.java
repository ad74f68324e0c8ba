package org.zoo4j.onnx;

import org.zoo4j.core.file.ModelFile;
import org.zoo4j.core.inference.Inference;
import org.zoo4j.core.inference.InferenceEngine;
import org.zoo4j.layers.conv.ComputePrecision;

/** ONNX Runtime on zoo4j's ONNX export of a model, registered as the {@code onnxruntime} engine. */
public final class OnnxRuntimeEngine implements InferenceEngine {

    @Override
    public String name() {
        return "onnxruntime";
    }

    @Override
    public String description() {
        return "ONNX Runtime on zoo4j's ONNX export (BatchNorm folded into the convolutions, activations fused)";
    }

    /**
     * Above DL4J's: on every zoo model measured (2-core AMD EPYC, batch 128, fp32, docs/performance.md) ONNX Runtime
     * infers faster than the DL4J engine, BatchNorm folded or not.
     */
    @Override
    public int preference() {
        return 10;
    }

    /** Float32 models whose card declares the input size and whose every vertex exports. */
    @Override
    public boolean runs(ModelFile model, ComputePrecision precision) {
        return precision == ComputePrecision.FLOAT32 && model.card().hasInputSize()
                && OnnxExport.unsupported(model.net()).isEmpty();
    }

    @Override
    public Inference open(ModelFile model) {
        return OnnxRuntimeModel.of(model);
    }
}
