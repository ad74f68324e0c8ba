package org.zoo4j.layers.graph;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionAShortcutTest {

    /** x[:, :, ::2, ::2] padded with one zero channel on each side, as PyTorch's F.pad(..., (0, 0, 0, 0, 1, 1)). */
    @Test
    void subsamplesAndPadsChannelsSymmetrically() {
        ComputationGraph net = shortcutOnly(CNN2DFormat.NCHW);
        INDArray x = Nd4j.arange(2 * 2 * 5 * 5).castTo(DataType.FLOAT).reshape(2, 2, 5, 5);

        INDArray out = net.outputSingle(x);

        assertThat(out.shape()).containsExactly(2, 4, 3, 3);
        for (int n = 0; n < 2; n++) {
            assertThat(out.slice(n).slice(0).sumNumber().doubleValue()).isZero();
            assertThat(out.slice(n).slice(3).sumNumber().doubleValue()).isZero();
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        assertThat(out.getFloat(n, c + 1, i, j)).isEqualTo(x.getFloat(n, c, 2 * i, 2 * j));
                    }
                }
            }
        }
    }

    @Test
    void nhwcIsTheTransposeOfNchw() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 2, 5, 5);
        INDArray nchw = shortcutOnly(CNN2DFormat.NCHW).outputSingle(x);
        INDArray nhwc = shortcutOnly(CNN2DFormat.NHWC).outputSingle(x.permute(0, 2, 3, 1).dup());
        assertThat(nhwc).isEqualTo(nchw.permute(0, 2, 3, 1));
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void gradientsMatchFiniteDifferences(CNN2DFormat format) {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                    .updater(new NoOp()).weightInit(WeightInit.XAVIER).graphBuilder()
                    .addInputs("in").setInputTypes(InputType.convolutional(5, 5, 2, format))
                    .addLayer("conv", new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(2)
                            .activation(Activation.TANH).build(), "in")
                    .addVertex("shortcut", new OptionAShortcut(2, 4, format), "conv")
                    .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "shortcut")
                    .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                            .activation(Activation.SOFTMAX).build(), "pool")
                    .setOutputs("out").build();
            ComputationGraph net = new ComputationGraph(conf);
            net.init();
            long[] shape = format == CNN2DFormat.NCHW ? new long[]{2, 2, 5, 5} : new long[]{2, 5, 5, 2};
            INDArray x = Nd4j.rand(DataType.DOUBLE, shape);
            INDArray y = Nd4j.createFromArray(new double[][]{{1, 0, 0}, {0, 0, 1}});

            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                    .inputs(new INDArray[]{x}).labels(new INDArray[]{y}).epsilon(1e-6).maxRelError(1e-5));
            assertThat(ok).isTrue();
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }

    @Test
    void jsonRoundTrip() {
        ComputationGraphConfiguration conf = shortcutOnly(CNN2DFormat.NHWC).getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        assertThat(back.getVertices().get("shortcut")).isEqualTo(new OptionAShortcut(2, 4, CNN2DFormat.NHWC));
    }

    @Test
    void rejectsOddOrNegativeChannelGrowth() {
        assertThatThrownBy(() -> new OptionAShortcut(2, 5, CNN2DFormat.NCHW)
                .getOutputType(0, InputType.convolutional(8, 8, 2)))
                .isInstanceOf(InvalidInputTypeException.class)
                .hasMessageContaining("cannot pad 2 channels to 5");
        assertThatThrownBy(() -> new OptionAShortcut(0, 4, CNN2DFormat.NCHW))
                .hasMessageContaining("stride must be >= 1");
    }

    private static ComputationGraph shortcutOnly(CNN2DFormat format) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(5, 5, 2, format))
                .addVertex("shortcut", new OptionAShortcut(2, 4, format), "in")
                .setOutputs("shortcut").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }
}
