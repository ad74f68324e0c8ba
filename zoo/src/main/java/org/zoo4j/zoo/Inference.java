package org.zoo4j.zoo;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.layers.conv.ComputePrecision;
import org.zoo4j.zoo.file.ModelFile;
import org.zoo4j.zoo.onnx.OnnxRuntimeModel;

/**
 * A model file run forward in inference mode, by DL4J itself or by ONNX Runtime on zoo4j's ONNX export of it (which
 * folds BatchNorm into the convolutions and fuses activations; same outputs to 1e-4, tested).
 */
@FunctionalInterface
public interface Inference extends AutoCloseable {

    /** The model's outputs (softmax probabilities) for a batch in the model's layout. */
    INDArray output(INDArray features);

    /** Releases what the engine holds (ONNX Runtime's session). */
    @Override
    default void close() {
    }

    /** Who runs the model. */
    enum Engine {
        /** DL4J's {@code ComputationGraph.output}, in inference mode. */
        DL4J,
        /** ONNX Runtime (needs com.microsoft.onnxruntime:onnxruntime on the class path). */
        ONNXRUNTIME;

        /** The model run by this engine; DL4J runs its convolutions in whatever precision they were set to. */
        public Inference open(ModelFile model) {
            return this == DL4J ? features -> model.net().outputSingle(false, features) : OnnxRuntimeModel.of(model);
        }

        /**
         * The model run by this engine, its convolutions computing in {@code precision}.
         *
         * @throws IllegalArgumentException for bfloat16 on ONNX Runtime (zoo4j runs it in float only)
         * @throws IllegalStateException    when the machine or the model cannot compute in {@code precision}
         */
        public Inference open(ModelFile model, ComputePrecision precision) {
            if (this == DL4J) {
                precision.applyTo(model.net());
            } else if (precision != ComputePrecision.FLOAT32) {
                throw new IllegalArgumentException(name().toLowerCase() + " computes in float32 only here; "
                        + precision.name().toLowerCase() + " runs on the DL4J engine");
            }
            return open(model);
        }
    }
}
