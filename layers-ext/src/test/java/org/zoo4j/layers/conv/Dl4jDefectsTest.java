package org.zoo4j.layers.conv;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.layers.conv.ConvArithmetic.Padding;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DL4J 1.0.0-M2.1 behaviour zoo4j works around, pinned: when an upgrade changes it, the test fails and the
 * workaround can go. And maxPool's SAME mode against values worked out by hand with TensorFlow's padding rule.
 */
class Dl4jDefectsTest {

    private static ComputationGraph single(Layer layer, long channels, long size) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(size, size, channels))
                .addLayer("layer", layer, "in").setOutputs("layer").build());
        net.init();
        return net;
    }

    /** SameDiffLayer.setParam checks the shape and copies nothing: zoo4j assigns into getParam(key) instead. */
    @Test
    void sameDiffLayerSetParamDoesNotCopyTheValues() {
        ComputationGraph net = single(TransposedConvolution2D.builder().nOut(1).kernelSize(2).stride(1).hasBias(false)
                .build(), 1, 3);
        org.deeplearning4j.nn.api.Layer layer = net.getLayer("layer");
        INDArray before = layer.getParam("W").dup();
        INDArray wanted = Nd4j.valueArrayOf(before.shape(), 7f, DataType.FLOAT);
        layer.setParam("W", wanted);
        assertThat(layer.getParam("W")).as("M2.1 ignores the values").isEqualTo(before).isNotEqualTo(wanted);
        layer.getParam("W").assign(wanted);
        assertThat(layer.getParam("W")).isEqualTo(wanted);
    }

    /** TF SAME pads the total (k - 1 - (n - 1) % s, at least 0) with the larger half at the bottom/right. */
    @Test
    void maxPoolSameFollowsTensorFlowsPadding() {
        INDArray x = Nd4j.linspace(DataType.FLOAT, 1, 16, 1).reshape(1, 1, 4, 4);
        // 2x2 stride 2 on 4x4: no padding
        assertThat(single(ConvLayers.maxPool(2, 2, Padding.SAME), 1, 4).outputSingle(x).ravel().toFloatVector())
                .containsExactly(6, 8, 14, 16);
        // 3x3 stride 2 on 4x4: one padded row and column, both at the bottom/right
        assertThat(single(ConvLayers.maxPool(3, 2, Padding.SAME), 1, 4).outputSingle(x).ravel().toFloatVector())
                .containsExactly(11, 12, 15, 16);
        // 2x2 stride 1 on 4x4 (the seed ResNet's stem): one padded row and column at the bottom/right
        assertThat(single(ConvLayers.maxPool(2, 1, Padding.SAME), 1, 4).outputSingle(x).ravel().toFloatVector())
                .containsExactly(6, 7, 8, 8, 10, 11, 12, 12, 14, 15, 16, 16, 14, 15, 16, 16);
    }
}
