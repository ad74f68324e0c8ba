package org.zoo4j.layers.conv;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.zoo4j.layers.conv.ConvArithmetic.Padding;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Analytic gradients (input and parameters) of each variant against finite differences, in double precision. */
class ConvLayersGradientTest {

    @BeforeEach
    void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterEach
    void restore() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("transposed valid", CNN2DFormat.NCHW, (Supplier<Layer>) () -> TransposedConvolution2D.builder()
                        .nOut(2).kernelSize(3).stride(2).build()),
                Arguments.of("transposed output padding", CNN2DFormat.NCHW, (Supplier<Layer>) () ->
                        TransposedConvolution2D.builder().nOut(2).kernelSize(3).stride(2).padding(1).outputPadding(1).build()),
                Arguments.of("transposed valid, longer target, NHWC", CNN2DFormat.NHWC, (Supplier<Layer>) () ->
                        TransposedConvolution2D.builder().nOut(2).kernelSize(2).stride(3).dilation(1).hasBias(false)
                                .padding(Padding.VALID).outputSize(13).build()),
                Arguments.of("transposed dilated same", CNN2DFormat.NCHW, (Supplier<Layer>) () ->
                        TransposedConvolution2D.builder().nOut(2).kernelSize(3).stride(2).dilation(2)
                                .padding(Padding.SAME).build()),
                Arguments.of("dilated same", CNN2DFormat.NCHW, (Supplier<Layer>) () ->
                        ConvLayers.dilated(2, 3, 2, 1, Padding.SAME, true)),
                Arguments.of("separable", CNN2DFormat.NCHW, (Supplier<Layer>) () ->
                        ConvLayers.separable(3, 3, 2, 1, 1, Padding.SAME, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void gradientsMatchFiniteDifferences(String name, CNN2DFormat format, Supplier<Layer> layer) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(11)
                .dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(4, 4, 2, format))
                .addLayer("layer", layer.get(), "in")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "layer")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build());
        net.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, format == CNN2DFormat.NCHW ? new long[]{2, 2, 4, 4} : new long[]{2, 4, 4, 2});
        INDArray y = Nd4j.createFromArray(new double[][]{{0, 1, 0}, {1, 0, 0}});

        assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[]{x}).labels(new INDArray[]{y}).epsilon(1e-6).maxRelError(1e-5)
                .minAbsoluteError(1e-9))).as(name).isTrue();
    }
}
