package org.zoo4j.core.inference;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A model file run forward in inference mode by an {@link InferenceEngine}. */
@FunctionalInterface
public interface Inference extends AutoCloseable {

    /** The model's outputs (softmax probabilities) for a batch in the model's layout. */
    INDArray output(INDArray features);

    /** Releases what the engine holds (ONNX Runtime's session). */
    @Override
    default void close() {
    }
}
