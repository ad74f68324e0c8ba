package org.zoo4j.layers.graph;

import org.zoo4j.layers.testing.Bits;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.zoo4j.layers.activation.InPlaceRelu;
import org.zoo4j.layers.conv.FastConvolution;
import org.zoo4j.layers.norm.FastBatchNormalization;
import org.zoo4j.layers.runtime.Zoo4jRuntime;

/**
 * ResidualAdd is DL4J's ElementWiseVertex Add without the copies: in residual blocks with an identity and an option-A
 * shortcut, between zoo4j's in-place layers, the outputs, every gradient and the parameters after a step are
 * exactly DL4J's vertex's, and the configuration survives JSON.
 */
class ResidualAddTest {

    @BeforeAll
    static void helpersOn() {
        Zoo4jRuntime.configure();
    }

    @ParameterizedTest
    @EnumSource(CNN2DFormat.class)
    void sameOutputsGradientsAndStepsAsDl4jsAdd(CNN2DFormat format) {
        ComputationGraph ours = graph(new ResidualAdd(), format);
        ComputationGraph dl4j = graph(new ElementWiseVertex(ElementWiseVertex.Op.Add), format);
        assertThat(ours.getVertex("block1.add")).isInstanceOf(ResidualAddVertex.class);
        dl4j.setParams(ours.params().dup());
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, format == CNN2DFormat.NCHW ? new long[] {4, 4, 6, 6}
                : new long[] {4, 6, 6, 4});
        INDArray y = Nd4j.randn(DataType.FLOAT, format == CNN2DFormat.NCHW ? new long[] {4, 8, 3, 3}
                : new long[] {4, 3, 3, 8});
        Bits.assertSame(ours.outputSingle(false, x.dup()), dl4j.outputSingle(false, x.dup()), "output");
        Map<String, INDArray> gradients = gradients(ours, x.dup(), y);
        Bits.assertSame(gradients, gradients(dl4j, x.dup(), y), "gradient");
        assertThat(gradients.get("block1.conv_W").amaxNumber().doubleValue()).isPositive();
        ours.fit(new INDArray[] {x.dup()}, new INDArray[] {y});
        dl4j.fit(new INDArray[] {x.dup()}, new INDArray[] {y});
        Bits.assertSame(ours.params(), dl4j.params(), "parameters after a step");

        ComputationGraphConfiguration conf = ours.getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        assertThat(back.getVertices().get("block2.add")).isInstanceOf(ResidualAdd.class);
    }

    private static Map<String, INDArray> gradients(ComputationGraph net, INDArray x, INDArray y) {
        net.setInputs(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        return Map.copyOf(net.gradient().gradientForVariable());
    }

    /** stem -> block1 (identity shortcut) -> block2 (stride 2, option-A shortcut to 8 channels) -> loss. */
    private static ComputationGraph graph(GraphVertex add, CNN2DFormat format) {
        GraphBuilder g = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(new Sgd(0.1))
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(6, 6, 4, format))
                .addLayer("stem", conv(4, 1), "in")
                .addLayer("stem.relu", new InPlaceRelu(), "stem");
        String input = "stem.relu";
        for (int block = 1; block <= 2; block++) {
            String name = "block" + block;
            int stride = block;
            int channels = 4 * block;
            g.addLayer(name + ".conv", conv(channels, stride), input)
                    .addLayer(name + ".bn", new FastBatchNormalization(1e-5, 0.9), name + ".conv");
            String shortcut = input;
            if (stride != 1) {
                shortcut = name + ".shortcut";
                g.addVertex(shortcut, new OptionAShortcut(stride, channels, format), input);
            }
            g.addVertex(name + ".add", add.clone(), name + ".bn", shortcut)
                    .addLayer(name + ".relu", new InPlaceRelu(), name + ".add");
            input = name + ".relu";
        }
        g.addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                .format(format).build(), input).setOutputs("loss");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    private static FastConvolution conv(int channels, int stride) {
        return (FastConvolution) new FastConvolution.Builder(3, 3).stride(stride, stride).padding(1, 1)
                .nOut(channels).hasBias(false).activation(Activation.IDENTITY).build();
    }
}
