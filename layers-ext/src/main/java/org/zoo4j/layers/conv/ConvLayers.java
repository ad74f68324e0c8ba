package org.zoo4j.layers.conv;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.zoo4j.layers.conv.ConvArithmetic.Padding;

/**
 * The seed notebook's convolution variants with Keras semantics, as DL4J layers. Dilated and separable convolution
 * are DL4J's own layers (ND4J's {@code conv2d} with dilation and {@code sconv2d}, both oneDNN-accelerated on CPU and
 * cuDNN on GPU), configured so that {@link Padding#SAME} is TensorFlow's SAME; the parity tests hold them to PyTorch
 * with that padding. Transposed convolution needs output-size control DL4J lacks: {@link TransposedConvolution2D}.
 * All activations are the identity, as in Keras' default: add an activation layer or set one on the result.
 */
public final class ConvLayers {

    private ConvLayers() {
    }

    /**
     * A {@code kernel x kernel} convolution with dilation rate {@code dilation} (Keras' {@code dilation_rate}): a
     * {@link FastConvolution}, which runs dilated convolutions on zoo4j's own oneDNN primitives on the CPU (the oneDNN
     * build of libnd4j refuses them, and DL4J would log that failure before falling back to its im2col path).
     */
    public static ConvolutionLayer dilated(int nOut, int kernel, int dilation, int stride, Padding padding,
                                           boolean bias) {
        ConvArithmetic.effectiveKernel(kernel, dilation);
        return new FastConvolution.Builder(kernel, kernel).stride(stride, stride).dilation(dilation, dilation)
                .convolutionMode(mode(padding)).hasBias(bias).nOut(nOut).activation(Activation.IDENTITY).build();
    }

    /**
     * Depthwise {@code kernel x kernel} convolution producing {@code depthMultiplier} channels per input channel,
     * then a 1x1 pointwise convolution to {@code nOut} (Keras' {@code SeparableConv2D}).
     */
    public static SeparableConvolution2D separable(int nOut, int kernel, int depthMultiplier, int stride, int dilation,
                                                   Padding padding, boolean bias) {
        ConvArithmetic.effectiveKernel(kernel, dilation);
        if (depthMultiplier < 1) {
            throw new IllegalArgumentException("depth multiplier must be >= 1, got " + depthMultiplier);
        }
        return new SeparableConvolution2D.Builder(kernel, kernel).stride(stride, stride).dilation(dilation, dilation)
                .depthMultiplier(depthMultiplier).convolutionMode(mode(padding)).hasBias(bias).nOut(nOut)
                .activation(Activation.IDENTITY).build();
    }

    /** Max pooling with Keras semantics ({@code MaxPool2D(pool_size, strides, padding)}). */
    public static SubsamplingLayer maxPool(int kernel, int stride, Padding padding) {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(kernel, kernel).stride(stride, stride)
                .convolutionMode(mode(padding)).build();
    }

    private static ConvolutionMode mode(Padding padding) {
        return padding == Padding.SAME ? ConvolutionMode.Same : ConvolutionMode.Truncate;
    }
}
