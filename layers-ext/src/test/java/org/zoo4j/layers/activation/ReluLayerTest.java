package org.zoo4j.layers.activation;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.assertj.core.api.Assertions.assertThat;

/** ReluLayer computes what DL4J's ActivationLayer(RELU) computes, forward and backward, and leaves its input alone. */
class ReluLayerTest {

    @Test
    void leavesItsInputToTheOtherConsumers() {
        // the ReLU's input also feeds an add, as in a residual block: an in-place ReLU would corrupt the sum
        ComputationGraph net = graph(new ReluLayer());
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, 5, 5);
        INDArray expected = x.add(Transforms.relu(x, true));
        assertThat(net.feedForward(x, true).get("sum")).isEqualTo(expected);
        assertThat(net.outputSingle(false, x)).isEqualTo(expected);
    }

    @Test
    void hasDl4jsGradient() {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, 5, 5);
        INDArray y = Nd4j.randn(DataType.FLOAT, 4, 3, 5, 5);
        INDArray ours = inputGradient(new ReluLayer(), x, y);
        assertThat(ours).isEqualTo(inputGradient(new ActivationLayer(Activation.RELU), x, y));
        assertThat(ours.amaxNumber().doubleValue()).isPositive();
        // zero exactly where the input is negative
        assertThat(ours.mul(x.lt(0).castTo(DataType.FLOAT)).amaxNumber().doubleValue()).isZero();
    }

    @Test
    void roundTripsThroughJson() {
        ComputationGraphConfiguration conf = graph(new ReluLayer()).getConfiguration();
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertThat(back).isEqualTo(conf);
        ComputationGraph net = new ComputationGraph(back);
        net.init();
        assertThat(net.getLayer("relu")).isInstanceOf(ReluLayerImpl.class);
    }

    private static INDArray inputGradient(Layer relu, INDArray x, INDArray y) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list().layer(relu).layer(new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(5, 5, 3)).build());
        net.init();
        return net.calculateGradients(x, y, null, null).getSecond();
    }

    private static ComputationGraph graph(Layer relu) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(5, 5, 3))
                .addLayer("relu", relu, "in")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "in", "relu")
                .addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "sum")
                .setOutputs("loss").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }
}
