package org.zoo4j.layers.norm;

import java.nio.file.Path;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.zoo4j.layers.runtime.Dl4jHelpers;
import org.zoo4j.layers.runtime.Zoo4jRuntime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * zoo4j's BatchNorm helper against DL4J's built-in BatchNormalization (no helper): same outputs in training and
 * inference, same input and parameter gradients, same running statistics after a training step.
 */
class FastBatchNormalizationTest {

    private static final double TOLERANCE = 2e-5;

    @BeforeAll
    static void helpersOn() {
        Zoo4jRuntime.configure();
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void matchesDl4jBuiltInBatchNorm(CNN2DFormat format) {
        MultiLayerNetwork fast = network(new FastBatchNormalization(1e-5, 0.9), format);
        MultiLayerNetwork reference = builtIn(format);
        assertThat(FastBatchNormalization.helperOf(fast.getLayer(0))).isInstanceOf(OneDnnBatchNormHelper.class);
        assertThat(FastBatchNormalization.helperOf(reference.getLayer(0))).isNull();
        reference.setParams(fast.params().dup());

        long[] shape = format == CNN2DFormat.NCHW ? new long[] {8, 5, 6, 7} : new long[] {8, 6, 7, 5};
        Nd4j.getRandom().setSeed(3);
        // an offset mean and a per-element scale, so mean and variance both matter
        INDArray x = Nd4j.randn(DataType.FLOAT, shape).muli(3).addi(2);
        INDArray y = Nd4j.randn(DataType.FLOAT, shape);

        assertClose(fast.output(x, true), reference.output(x, true));
        Pair<Gradient, INDArray> fastGrad = fast.calculateGradients(x, y, null, null);
        Pair<Gradient, INDArray> refGrad = reference.calculateGradients(x, y, null, null);
        assertClose(fastGrad.getSecond(), refGrad.getSecond());
        for (String param : new String[] {"0_gamma", "0_beta"}) {
            assertClose(fastGrad.getFirst().getGradientFor(param), refGrad.getFirst().getGradientFor(param));
        }

        fast.fit(x, y);
        reference.fit(x, y);
        assertThat(fast.getParam("0_mean").meanNumber().doubleValue()).isNotZero(); // the step moved them
        assertClose(fast.params(), reference.params());
        assertClose(fast.output(x, false), reference.output(x, false));
        INDArray smallerBatch = x.get(NDArrayIndex.interval(0, 3)); // the last batch of an epoch: other primitives
        assertClose(fast.output(smallerBatch, true), reference.output(smallerBatch, true));
    }

    @Test
    void keepsItsHelperThroughModelSerializer(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = network(new FastBatchNormalization(1e-3, 0.99), CNN2DFormat.NCHW);
        assertThat(MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson()))
                .isEqualTo(net.getLayerWiseConfigurations());
        Path file = dir.resolve("bn.zip");
        ModelSerializer.writeModel(net, file.toFile(), true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        BatchNormalization conf = (BatchNormalization) back.getLayer(0).conf().getLayer();
        assertThat(conf).isInstanceOf(FastBatchNormalization.class);
        assertThat(conf.getEps()).isEqualTo(1e-3);
        assertThat(conf.getDecay()).isEqualTo(0.99);
        assertThat(conf.isUseLogStd()).isFalse();
        assertThat(FastBatchNormalization.helperOf(back.getLayer(0))).isInstanceOf(OneDnnBatchNormHelper.class);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 5, 6, 7);
        assertThat(back.output(x)).isEqualTo(net.output(x));
    }

    private static MultiLayerNetwork builtIn(CNN2DFormat format) {
        System.setProperty(Dl4jHelpers.PROPERTY, "true"); // read when a layer is created
        try {
            return network(new BatchNormalization.Builder().eps(1e-5).decay(0.9).useLogStd(false).build(), format);
        } finally {
            System.setProperty(Dl4jHelpers.PROPERTY, "false");
        }
    }

    private static MultiLayerNetwork network(BatchNormalization batchNorm, CNN2DFormat format) {
        batchNorm.setCudnnAllowFallback(false); // a failing helper must fail the test, not fall back to DL4J's code
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .updater(new Sgd(0.1)).list()
                .layer(batchNorm)
                .layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .format(format).build())
                .setInputType(InputType.convolutional(6, 7, 5, format))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // gamma and beta away from 1 and 0
        net.getParam("0_gamma").assign(Nd4j.createFromArray(0.5f, 0.75f, 1f, 1.25f, 1.5f).reshape(1, 5));
        net.getParam("0_beta").assign(Nd4j.createFromArray(-1f, -0.5f, 0f, 0.5f, 1f).reshape(1, 5));
        return net;
    }

    private static void assertClose(INDArray actual, INDArray expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double scale = Math.max(1, expected.amaxNumber().doubleValue());
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(TOLERANCE * scale);
    }
}
