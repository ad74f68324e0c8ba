package org.zoo4j.layers.norm;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zoo4j.layers.OneDnn;

/**
 * DL4J's {@link BatchNormalization} (same parameters, serialization and built-in fallback) running on oneDNN's own
 * training primitives ({@link OneDnnBatchNormHelper}). Wherever DL4J would pick its oneDNN helper the zoo4j one
 * replaces it; with helpers disabled, on CUDA (cuDNN helper), with locked gamma/beta, or where the oneDNN preset has
 * no natives for the platform (logged once) the layer behaves exactly like DL4J's.
 */
public class FastBatchNormalization extends BatchNormalization {

    /** DL4J 1.0.0-M2.1 keeps the helper in a package-private field and offers no other way to choose it. */
    private static final Field HELPER = helperField();
    private static final Logger LOG = LoggerFactory.getLogger(FastBatchNormalization.class);
    private static boolean unavailableLogged;

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
            if (HELPER.get(layer) instanceof MKLDNNBatchNormHelper && oneDnnAvailable()) {
                HELPER.set(layer, new OneDnnBatchNormHelper());
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot install zoo4j's BatchNorm helper", e);
        }
        return layer;
    }

    private static boolean oneDnnAvailable() {
        if (!OneDnn.available() && !unavailableLogged) {
            unavailableLogged = true;
            LOG.warn("zoo4j's oneDNN BatchNorm is unavailable ({}); using DL4J's helper", OneDnn.unavailableReason());
        }
        return OneDnn.available();
    }

    /**
     * Scale and shift take the layer's bias regularisation (DL4J's own BatchNormalization never regularises them), so
     * that an L2 set for weights and biases reaches every trainable parameter, as PyTorch's optimisers apply it.
     */
    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return switch (paramName) {
            case BatchNormalizationParamInitializer.GAMMA, BatchNormalizationParamInitializer.BETA ->
                    getRegularizationBias();
            default -> null;
        };
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
            Field field = org.deeplearning4j.nn.layers.normalization.BatchNormalization.class
                    .getDeclaredField("helper");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DL4J's BatchNormalization layer has no 'helper' field any more: "
                    + "update FastBatchNormalization for this DL4J version", e);
        }
    }
}
