package org.zoo4j.layers.conv;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.zoo4j.layers.conv.ConvArithmetic.Padding;

import java.io.File;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The variants in both network types, through JSON and ModelSerializer, and their configuration errors. */
class ConvLayersSerializationTest {

    @Test
    void computationGraphRoundTrips(@TempDir Path dir) throws Exception {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(7, 7, 3))
                .addLayer("dilated", ConvLayers.dilated(4, 3, 2, 1, Padding.SAME, true), "in")
                .addLayer("separable", ConvLayers.separable(4, 3, 2, 2, 1, Padding.VALID, true), "dilated")
                .addLayer("up", TransposedConvolution2D.builder().nOut(2).kernelSize(3).stride(2).padding(1)
                        .outputPadding(1).build(), "separable")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "up")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build();
        assertThat(ComputationGraphConfiguration.fromJson(conf.toJson())).isEqualTo(conf);

        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 7, 7);
        assertThat(net.feedForward(x, false).get("up").shape()).containsExactly(2, 2, 6, 6);
        File file = dir.resolve("graph.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(file, true);
        assertThat(back.outputSingle(x)).isEqualTo(net.outputSingle(x));
    }

    @Test
    void multiLayerNetworkRoundTrips(@TempDir Path dir) throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(TransposedConvolution2D.builder().nOut(3).kernelSize(3).stride(2).padding(Padding.SAME)
                        .outputSize(7).build())
                .layer(ConvLayers.dilated(2, 3, 3, 1, Padding.SAME, false))
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(4, 4, 1)).build();
        assertThat(MultiLayerConfiguration.fromJson(conf.toJson())).isEqualTo(conf);

        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 4, 4);
        assertThat(net.feedForward(x).get(1).shape()).containsExactly(2, 3, 7, 7);
        File file = dir.resolve("mln.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        assertThat(ModelSerializer.restoreMultiLayerNetwork(file, true).output(x)).isEqualTo(net.output(x));
    }

    @Test
    void badConfigurationsAreRejectedWithTheReachableSizes() {
        assertThatThrownBy(() -> TransposedConvolution2D.builder().nOut(1).kernelSize(3).stride(2).outputPadding(2)
                .build()).hasMessageContaining("output padding 2 must be below max(stride, dilation) = 2");
        assertThatThrownBy(() -> TransposedConvolution2D.builder().nOut(1).padding(1).outputSize(6).build())
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> TransposedConvolution2D.builder().nOut(1).kernelSize(3, 3, 3).build())
                .hasMessageContaining("one value or two");
        assertThatThrownBy(() -> new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(2, 2, 1))
                .addLayer("up", TransposedConvolution2D.builder().nOut(1).kernelSize(3).stride(2)
                        .padding(Padding.VALID).outputSize(7).build(), "in")
                .setOutputs("up").build())
                .hasMessageContaining("cannot produce size 7").hasMessageContaining("reachable sizes: 5..6");
        assertThatThrownBy(() -> ConvLayers.separable(4, 3, 0, 1, 1, Padding.SAME, true))
                .hasMessageContaining("depth multiplier");
        assertThatThrownBy(() -> new org.zoo4j.layers.graph.OptionAShortcut(1, 3, null)
                .getOutputType(0, InputType.convolutional(4, 4, 2))).isInstanceOf(InvalidInputTypeException.class);
    }
}
