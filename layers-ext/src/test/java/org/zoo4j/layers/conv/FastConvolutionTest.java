package org.zoo4j.layers.conv;

import org.zoo4j.layers.testing.Bits;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.zoo4j.layers.runtime.Zoo4jRuntime;

import static org.assertj.core.api.Assertions.assertThat;

/** FastConvolution has DL4J's ConvolutionLayer gradients without caching or recomputing its output. */
class FastConvolutionTest {

    @BeforeAll
    static void helpersOn() {
        Zoo4jRuntime.configure();
    }

    @ParameterizedTest
    @CsvSource({"NCHW, DEVICE, true", "NCHW, NONE, false"})
    void sameGradientsAsDl4jsConvolution(CNN2DFormat format, CacheMode cacheMode, boolean bias) {
        MultiLayerNetwork fast = network(new FastConvolution.Builder(3, 3), format, cacheMode, bias);
        MultiLayerNetwork dl4j = network(new ConvolutionLayer.Builder(3, 3), format, cacheMode, bias);
        dl4j.setParams(fast.params().dup());
        FastConvolutionLayer layer = (FastConvolutionLayer) fast.getLayer(0);
        assertThat(layer.outputUnneededForBackprop()).as("the shortcut is exercised").isTrue();

        long[] shape = format == CNN2DFormat.NCHW ? new long[] {4, 3, 7, 7} : new long[] {4, 7, 7, 3};
        long[] outShape = format == CNN2DFormat.NCHW ? new long[] {4, 5, 4, 4} : new long[] {4, 4, 4, 5};
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.randn(DataType.FLOAT, shape);
        INDArray y = Nd4j.randn(DataType.FLOAT, outShape);
        Pair<Gradient, INDArray> ours = fast.calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> theirs = dl4j.calculateGradients(x, y, null, null);
        Bits.assertSame(ours.getSecond(), theirs.getSecond(), "input gradient");
        Bits.assertSame(ours.getFirst().gradient(), theirs.getFirst().gradient(), "parameter gradients");
        assertThat(ours.getFirst().gradient().amaxNumber().doubleValue()).isPositive();

        fast.fit(x, y);
        dl4j.fit(x, y);
        Bits.assertSame(fast.params(), dl4j.params(), "parameters after a step");
    }

    @Test
    void withAnotherActivationIsDl4jsLayer() {
        Nd4j.getRandom().setSeed(12);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, 7, 7);
        INDArray y = Nd4j.randn(DataType.FLOAT, 4, 5, 4, 4);
        MultiLayerNetwork fast = network(new FastConvolution.Builder(3, 3), CNN2DFormat.NCHW, CacheMode.DEVICE, true,
                Activation.RELU);
        MultiLayerNetwork dl4j = network(new ConvolutionLayer.Builder(3, 3), CNN2DFormat.NCHW, CacheMode.DEVICE, true,
                Activation.RELU);
        dl4j.setParams(fast.params().dup());
        assertThat(((FastConvolutionLayer) fast.getLayer(0)).outputUnneededForBackprop()).isFalse();
        Bits.assertSame(fast.calculateGradients(x, y, null, null).getFirst().gradient(),
                dl4j.calculateGradients(x, y, null, null).getFirst().gradient(), "parameter gradients");
    }

    /** NHWC and dilated convolutions run on zoo4j's oneDNN convolution; NCHW on DL4J's helper (faster there). */
    @Test
    void choosesZoo4jsOneDnnConvolutionForNhwcAndDilation() {
        assertThat(layer(new FastConvolution.Builder(3, 3), CNN2DFormat.NHWC).onOneDnn()).isTrue();
        assertThat(layer(new FastConvolution.Builder(3, 3).dilation(2, 2), CNN2DFormat.NCHW).onOneDnn()).isTrue();
        FastConvolutionLayer nchw = layer(new FastConvolution.Builder(3, 3), CNN2DFormat.NCHW);
        assertThat(nchw.onOneDnn()).isFalse();
        assertThat(nchw.outputUnneededForBackprop()).as("on DL4J's helper").isTrue();
        assertThat(ConvLayers.dilated(2, 3, 2, 1, ConvArithmetic.Padding.SAME, true)).isInstanceOf(FastConvolution.class);
    }

    private static FastConvolutionLayer layer(ConvolutionLayer.Builder conv, CNN2DFormat format) {
        return (FastConvolutionLayer) network(conv, format, CacheMode.DEVICE, false).getLayer(0);
    }

    @Test
    void keepsItsClassThroughJson() {
        MultiLayerConfiguration conf = network(new FastConvolution.Builder(3, 3), CNN2DFormat.NCHW, CacheMode.DEVICE,
                true).getLayerWiseConfigurations();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        assertThat(back.getConf(0).getLayer()).isInstanceOf(FastConvolution.class);
    }

    private static MultiLayerNetwork network(ConvolutionLayer.Builder conv, CNN2DFormat format, CacheMode cacheMode,
                                             boolean bias) {
        return network(conv, format, cacheMode, bias, Activation.IDENTITY);
    }

    private static MultiLayerNetwork network(ConvolutionLayer.Builder conv, CNN2DFormat format, CacheMode cacheMode,
                                             boolean bias, Activation activation) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(2).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).cacheMode(cacheMode).list()
                .layer(conv.nOut(5).stride(2, 2).padding(1, 1).convolutionMode(ConvolutionMode.Truncate).hasBias(bias)
                        .activation(activation).cudnnAllowFallback(false).build()) // a failing helper fails the test
                .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .format(format).build())
                .setInputType(InputType.convolutional(7, 7, 3, format))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
