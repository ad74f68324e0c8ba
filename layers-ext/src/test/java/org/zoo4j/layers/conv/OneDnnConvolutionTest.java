package org.zoo4j.layers.conv;

import org.zoo4j.layers.testing.Requirement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
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
import org.zoo4j.layers.runtime.Dl4jHelpers;
import org.zoo4j.layers.runtime.Zoo4jRuntime;

/**
 * zoo4j's oneDNN convolution against DL4J's built-in one (im2col + GEMM, no helper): outputs, the gradients at the
 * input and of every parameter, and the parameters after an SGD step, for the geometries the zoo uses and the awkward
 * ones (Same padding with an extra bottom row, Truncate dropping rows, dilation), with and without bias, with the
 * identity and a ReLU activation, and for a second batch size (separately cached primitives).
 */
class OneDnnConvolutionTest {

    @BeforeAll
    static void helpersOn() {
        Zoo4jRuntime.configure();
    }

    @ParameterizedTest(name = "{0} k{1} s{2} p{3} d{4} {5} bias={6} {7} {8} {9}->{10} channels {11}")
    @CsvSource({
            "NHWC, 3, 2, 1, 1, Truncate, false, IDENTITY, DEVICE, 3, 5, FLOAT32", // resnet's downsampling conv
            "NHWC, 3, 1, 0, 1, Same, true, IDENTITY, DEVICE, 3, 5, FLOAT32",
            "NHWC, 1, 2, 0, 1, Truncate, false, IDENTITY, NONE, 3, 5, FLOAT32",   // projection shortcut
            "NHWC, 5, 3, 1, 1, Truncate, true, IDENTITY, DEVICE, 3, 5, FLOAT32",  // 9x9 -> 3x3 drops the last row
            "NHWC, 3, 2, 0, 2, Same, false, IDENTITY, DEVICE, 3, 5, FLOAT32",     // more padding after than before
            "NHWC, 3, 1, 1, 1, Truncate, true, RELU, DEVICE, 3, 5, FLOAT32",      // output cached for the derivative
            "NHWC, 3, 1, 1, 1, Truncate, true, RELU, NONE, 3, 5, FLOAT32",        // ... or recomputed
            "NCHW, 3, 1, 0, 2, Same, true, IDENTITY, DEVICE, 3, 5, FLOAT32",      // dilated NCHW
            "NCHW, 1, 1, 0, 2, Truncate, false, RELU, NONE, 64, 64, FLOAT32",     // oneDNN's blocked layouts
            "NHWC, 3, 1, 0, 1, Same, false, IDENTITY, DEVICE, 3, 16, BFLOAT16",   // bfloat16 copies, NHWC
            "NHWC, 3, 2, 1, 1, Truncate, true, IDENTITY, DEVICE, 64, 80, BFLOAT16", // bfloat16, blocked
    })
    void matchesDl4jsBuiltInConvolution(CNN2DFormat format, int kernel, int stride, int padding, int dilation,
                                        ConvolutionMode mode, boolean bias, Activation activation,
                                        CacheMode cacheMode, int channelsIn, int channelsOut,
                                        ComputePrecision precision) {
        Requirement.assume("bf16", precision.unavailableReason() == null, precision::unavailableReason);
        ConvolutionLayer.Builder conv = new FastConvolution.Builder(kernel, kernel).stride(stride, stride)
                .padding(padding, padding).dilation(dilation, dilation).convolutionMode(mode).hasBias(bias)
                .activation(activation);
        conv.nOut(channelsOut);
        MultiLayerNetwork ours = network(conv, format, cacheMode, channelsIn);
        MultiLayerNetwork reference = withoutHelpers(() -> network(conv, format, cacheMode, channelsIn));
        reference.setParams(ours.params().dup());
        precision.applyTo(ours);
        // bfloat16 keeps 8 significant bits of the convolutions' inputs; they accumulate in float
        double tolerance = precision == ComputePrecision.FLOAT32 ? 1e-4 : 2e-2;
        assertThat(((FastConvolutionLayer) ours.getLayer(0)).onOneDnn()).isTrue();
        assertThat(((FastConvolutionLayer) reference.getLayer(0)).onOneDnn()).isFalse();

        for (int batch : new int[] {4, 3}) {
            INDArray x = Nd4j.randn(DataType.FLOAT, format == CNN2DFormat.NCHW
                    ? new long[] {batch, channelsIn, 9, 9} : new long[] {batch, 9, 9, channelsIn});
            INDArray expectedOut = reference.output(x);
            INDArray y = Nd4j.randn(DataType.FLOAT, expectedOut.shape());
            assertClose(ours.output(x), expectedOut, tolerance);

            Pair<Gradient, INDArray> mine = ours.calculateGradients(x, y, null, null);
            Pair<Gradient, INDArray> theirs = reference.calculateGradients(x, y, null, null);
            assertClose(mine.getSecond(), theirs.getSecond(), tolerance);
            Map<String, INDArray> expected = theirs.getFirst().gradientForVariable();
            assertThat(mine.getFirst().gradientForVariable()).containsOnlyKeys(expected.keySet());
            expected.forEach((name, gradient) -> assertClose(mine.getFirst().getGradientFor(name), gradient,
                    tolerance));
            assertThat(expected.get("0_W").amaxNumber().doubleValue()).isPositive();

            ours.fit(x, y);
            reference.fit(x, y);
            assertClose(ours.params(), reference.params(), tolerance);
        }
    }

    /** bfloat16 computes: close to float, yet not float (the rounding is there); NCHW has no bfloat16 path. */
    @Test
    void bfloat16ComputesInBfloat16() {
        Requirement.bf16();
        ConvolutionLayer.Builder conv = new FastConvolution.Builder(3, 3).convolutionMode(ConvolutionMode.Same)
                .nOut(64).activation(Activation.IDENTITY);
        MultiLayerNetwork net = network(conv, CNN2DFormat.NHWC, CacheMode.DEVICE, 64);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 9, 9, 64);
        INDArray fp32 = net.output(x);
        assertThat(ComputePrecision.BFLOAT16.applyTo(net)).isEqualTo(1);
        INDArray bf16 = net.output(x);
        double difference = bf16.sub(fp32).amaxNumber().doubleValue();
        assertThat(difference).isPositive().isLessThan(2e-2 * fp32.amaxNumber().doubleValue());
        ComputePrecision.FLOAT32.applyTo(net);
        assertThat(net.output(x)).isEqualTo(fp32);

        MultiLayerNetwork nchw = network(new FastConvolution.Builder(3, 3).nOut(8), CNN2DFormat.NCHW,
                CacheMode.DEVICE, 3);
        assertThatThrownBy(() -> ComputePrecision.BFLOAT16.applyTo(nchw)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runs NHWC models, and this one is NCHW");
    }

    private static void assertClose(INDArray actual, INDArray expected, double tolerance) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(tolerance * scale);
    }

    private static MultiLayerNetwork withoutHelpers(java.util.function.Supplier<MultiLayerNetwork> create) {
        String before = System.getProperty(Dl4jHelpers.PROPERTY);
        System.setProperty(Dl4jHelpers.PROPERTY, "true");
        try {
            return create.get();
        } finally {
            System.setProperty(Dl4jHelpers.PROPERTY, before);
        }
    }

    private static MultiLayerNetwork network(ConvolutionLayer.Builder conv, CNN2DFormat format, CacheMode cacheMode,
                                             int channels) {
        Nd4j.getRandom().setSeed(7);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(2).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).cacheMode(cacheMode).list()
                .layer(conv.cudnnAllowFallback(false).build())
                .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .format(format).build())
                .setInputType(InputType.convolutional(9, 9, channels, format))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
