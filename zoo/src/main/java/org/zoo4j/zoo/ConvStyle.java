package org.zoo4j.zoo;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.zoo4j.layers.activation.InPlaceRelu;
import org.zoo4j.layers.conv.FastConvolution;
import org.zoo4j.layers.norm.FastBatchNormalization;

/**
 * How a family's reference framework builds its conv and BatchNorm layers, so that one block definition serves
 * both the Keras seed models and the PyTorch-defined ones.
 *
 * @param bias    convolutions carry a bias (Keras default) or not (BN follows, PyTorch models)
 * @param tfSame  "padded" convolutions use TensorFlow SAME (extra padding bottom/right) instead of PyTorch's
 *                symmetric {@code kernel / 2}; they differ for stride-2 convolutions on even inputs
 * @param bnEps   BatchNorm epsilon (Keras 1e-3, PyTorch 1e-5)
 * @param bnDecay BatchNorm running-average decay (Keras momentum 0.99; PyTorch momentum 0.1 is decay 0.9)
 */
public record ConvStyle(boolean bias, boolean tfSame, double bnEps, double bnDecay) {

    public static final ConvStyle PYTORCH = new ConvStyle(false, false, 1e-5, 0.9);
    public static final ConvStyle KERAS = new ConvStyle(true, true, 1e-3, 0.99);

    /** The same style with biased convolutions (torchvision's VGG, which has no BatchNorm). */
    public ConvStyle withBias() {
        return new ConvStyle(true, tfSame, bnEps, bnDecay);
    }

    /** A {@code kernel x kernel} convolution padded to keep the spatial size at stride 1. */
    public ConvolutionLayer padded(int nOut, int kernel, int stride) {
        return tfSame
                ? builder(nOut, kernel, stride).convolutionMode(ConvolutionMode.Same).build()
                : conv(nOut, kernel, stride, kernel / 2);
    }

    /** A convolution with explicit symmetric zero padding ({@code padding = 0} is Keras' VALID). */
    public ConvolutionLayer conv(int nOut, int kernel, int stride, int padding) {
        return builder(nOut, kernel, stride).padding(padding, padding).convolutionMode(ConvolutionMode.Truncate).build();
    }

    /** DL4J's BatchNorm with zoo4j's faster oneDNN helper; running variance kept as variance, like PyTorch and Keras. */
    public BatchNormalization batchNorm() {
        return new FastBatchNormalization(bnEps, bnDecay);
    }

    /** DL4J's ReLU activation layer without its copies: the ReLU overwrites its input (always its sole consumer here). */
    public static ActivationLayer relu() {
        return new InPlaceRelu();
    }

    /** Pooling with explicit symmetric padding, PyTorch's {@code MaxPool2d/AvgPool2d(kernel, stride, padding)}. */
    public static SubsamplingLayer pool(PoolingType type, int kernel, int stride, int padding) {
        return new SubsamplingLayer.Builder(type).kernelSize(kernel, kernel).stride(stride, stride)
                .padding(padding, padding).convolutionMode(ConvolutionMode.Truncate).build();
    }

    /** Max pooling with TensorFlow SAME padding, Keras' {@code MaxPool2D(padding='same')}. */
    public static SubsamplingLayer sameMaxPool(int kernel, int stride) {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(kernel, kernel).stride(stride, stride)
                .convolutionMode(ConvolutionMode.Same).build();
    }

    private ConvolutionLayer.Builder builder(int nOut, int kernel, int stride) {
        return new FastConvolution.Builder(kernel, kernel).stride(stride, stride).nOut(nOut).hasBias(bias)
                .activation(Activation.IDENTITY);
    }
}
