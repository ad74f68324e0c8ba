package org.zoo4j.layers.activation;

import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.zoo4j.layers.OneDnn;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * InPlaceRelu gives DL4J's ActivationLayer(RELU) outputs and gradients where zoo4j uses it (after BatchNorm, a
 * convolution, a residual add), and really overwrites its input.
 */
class InPlaceReluTest {

    @Test
    void sameFunctionAndGradientsAsDl4jsReluLayer() {
        assertThat(OneDnn.available()).as("the oneDNN backward path is tested: %s", OneDnn.unavailableReason()).isTrue();
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, 6, 6);
        INDArray y = Nd4j.randn(DataType.FLOAT, 4, 3, 6, 6);
        ComputationGraph ours = graph(new InPlaceRelu());
        ComputationGraph dl4j = graph(new ActivationLayer(Activation.RELU));
        dl4j.setParams(ours.params().dup());

        assertThat(ours.outputSingle(false, x)).isEqualTo(dl4j.outputSingle(false, x));
        Map<String, INDArray> gradients = gradients(ours, x, y);
        assertThat(gradients).isEqualTo(gradients(dl4j, x, y));
        assertThat(gradients.get("conv1_W").amaxNumber().doubleValue()).isPositive();
    }

    @Test
    void overwritesItsInput() {
        ComputationGraph net = graph(new InPlaceRelu());
        Map<String, INDArray> acts = net.feedForward(Nd4j.randn(DataType.FLOAT, 4, 3, 6, 6), true);
        assertThat(acts.get("bn")).isSameAs(acts.get("relu1"));
        assertThat(acts.get("relu1").minNumber().doubleValue()).isZero();
    }

    @Test
    void roundTripsThroughJson() {
        ComputationGraphConfiguration conf = graph(new InPlaceRelu()).getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        ComputationGraph net = new ComputationGraph(back);
        net.init();
        assertThat(net.getLayer("relu1")).isInstanceOf(InPlaceReluLayer.class);
    }

    private static Map<String, INDArray> gradients(ComputationGraph net, INDArray x, INDArray y) {
        net.setInputs(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        return Map.copyOf(net.gradient().gradientForVariable());
    }

    /** conv1 -> bn -> relu1 -> conv2 -> add(conv2, conv1) -> relu2 -> loss: the three places zoo4j puts a ReLU. */
    private static ComputationGraph graph(Layer relu) {
        GraphBuilder g = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(6, 6, 3))
                .addLayer("conv1", conv(), "in")
                .addLayer("bn", new BatchNormalization.Builder().build(), "conv1")
                .addLayer("relu1", relu.clone(), "bn")
                .addLayer("conv2", conv(), "relu1")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "conv2", "conv1")
                .addLayer("relu2", relu.clone(), "add")
                .addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "relu2")
                .setOutputs("loss");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    private static ConvolutionLayer conv() {
        return new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(3).activation(Activation.IDENTITY).build();
    }
}
