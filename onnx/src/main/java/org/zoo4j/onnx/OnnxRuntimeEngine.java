package org.zoo4j.onnx;

import org.zoo4j.core.file.ModelFile;
import org.zoo4j.core.inference.Inference;
import org.zoo4j.core.inference.InferenceEngine;

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

    @Override
    public Inference open(ModelFile model) {
        return OnnxRuntimeModel.of(model);
    }
}
