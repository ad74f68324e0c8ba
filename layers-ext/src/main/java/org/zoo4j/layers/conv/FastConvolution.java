package org.zoo4j.layers.conv;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.layers.LayerInstances;

/**
 * DL4J's {@link ConvolutionLayer} (same parameters, serialization, helpers) that, with an identity activation, neither
 * caches nor recomputes its output for backprop. DL4J's layer needs that output only for the activation's derivative,
 * which identity ignores, yet it either copies every output into the training cache ({@code CacheMode.DEVICE}/
 * {@code HOST}: 315 MB for resnet18 at batch 128) or runs the convolution a second time in the backward pass
 * ({@code CacheMode.NONE}: a third slower step). Convolutions followed by BatchNorm, as in every zoo model, have an
 * identity activation; with any other activation, or without a oneDNN/cuDNN helper, this is DL4J's layer unchanged.
 * Where DL4J would use its oneDNN helper for an NHWC or a dilated convolution, the layer runs on zoo4j's own oneDNN
 * primitives instead ({@link OneDnnConvolution}: resnet20 NHWC training 395 to 483 images/s on 2 cores).
 */
public class FastConvolution extends ConvolutionLayer {

    /** For JSON deserialization. */
    public FastConvolution() {
    }

    private FastConvolution(Builder builder) {
        super(builder);
    }

    /** {@code new ConvolutionLayer.Builder(...)}'s twin: every option of DL4J's builder, building a FastConvolution. */
    public static final class Builder extends ConvolutionLayer.Builder {

        public Builder(int... kernelSize) {
            super(kernelSize);
        }

        @Override
        public FastConvolution build() {
            ConvolutionUtils.validateConvolutionModePadding(convolutionMode, padding);
            ConvolutionUtils.validateCnnKernelStridePadding(kernelSize, stride, padding);
            return new FastConvolution(this);
        }
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FastConvolution", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerInstances.wire(new FastConvolutionLayer(conf, networkDataType), this, conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }
}
