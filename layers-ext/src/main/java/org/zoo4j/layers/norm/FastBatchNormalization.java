package org.zoo4j.layers.norm;

import java.lang.reflect.Field;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link BatchNormalization} (same parameters, serialization and built-in fallback) whose oneDNN path uses
 * {@link MomentsBatchNormHelper}. Wherever DL4J would pick its own oneDNN helper the zoo4j one replaces it; with
 * helpers disabled, on CUDA (cuDNN helper) or with locked gamma/beta the layer behaves exactly like DL4J's.
 */
public class FastBatchNormalization extends BatchNormalization {

    /** DL4J 1.0.0-M2.1 keeps the helper in a package-private field and offers no other way to choose it. */
    private static final Field HELPER = helperField();

    /** For JSON deserialization; DL4J's defaults (eps 1e-5, decay 0.9, log10-std running statistics). */
    public FastBatchNormalization() {
    }

    /** Running variance stored as variance (not log10 std), as PyTorch and Keras keep it. */
    public FastBatchNormalization(double eps, double decay) {
        setEps(eps);
        setDecay(decay);
        setUseLogStd(false);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        Layer layer = super.instantiate(conf, trainingListeners, layerIndex, layerParamsView, initializeParams,
                networkDataType);
        try {
            if (HELPER.get(layer) instanceof MKLDNNBatchNormHelper) {
                HELPER.set(layer, new MomentsBatchNormHelper());
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot install zoo4j's BatchNorm helper", e);
        }
        return layer;
    }

    /** Which helper an instantiated BatchNorm layer runs (null: DL4J's built-in implementation). */
    public static Object helperOf(Layer layer) {
        try {
            return HELPER.get(layer);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Field helperField() {
        try {
            Field field = org.deeplearning4j.nn.layers.normalization.BatchNormalization.class.getDeclaredField("helper");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DL4J's BatchNormalization layer has no 'helper' field any more: "
                    + "update FastBatchNormalization for this DL4J version", e);
        }
    }
}
