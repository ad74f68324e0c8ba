package org.zoo4j.zoo;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.zoo.resnet.ResNet;
import org.zoo4j.zoo.vgg.Vgg;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two seed models against the shapes Keras' {@code model.summary()} reports for the notebook (batch 2, written
 * NCHW: Keras' (None, 30, 30, 64) is {2, 64, 30, 30} here).
 */
class KerasShapesTest {

    @Test
    void vgg13MatchesTheNotebook() {
        Map<String, INDArray> acts = activations(Vgg.vgg13().build().init());
        assertShape(acts, "stage1.relu1", 2, 64, 32, 32);
        assertShape(acts, "stage1.pool", 2, 64, 16, 16);
        assertShape(acts, "stage2.pool", 2, 128, 8, 8);
        assertShape(acts, "stage3.relu2", 2, 256, 8, 8);
        assertShape(acts, "stage3.pool", 2, 256, 4, 4);
        assertShape(acts, "stage4.pool", 2, 512, 2, 2);
        assertShape(acts, "stage5.pool", 2, 512, 1, 1);
        assertShape(acts, "head.fc1", 2, 256);
        assertShape(acts, "head.fc2", 2, 128);
        assertShape(acts, "head.fc", 2, 10);
    }

    @Test
    void resnet18SeedMatchesTheNotebook() {
        Map<String, INDArray> acts = activations(ResNet.resnet18Seed().build().init());
        assertShape(acts, "stem.conv", 2, 64, 30, 30);
        assertShape(acts, "stem.pool", 2, 64, 30, 30);
        assertShape(acts, "stage1.block2.relu", 2, 64, 30, 30);
        assertShape(acts, "stage2.block1.conv1", 2, 128, 15, 15);
        assertShape(acts, "stage2.block1.shortcut.conv", 2, 128, 15, 15);
        assertShape(acts, "stage2.block2.relu", 2, 128, 15, 15);
        assertShape(acts, "stage3.block2.relu", 2, 256, 8, 8);
        assertShape(acts, "stage4.block2.relu", 2, 512, 4, 4);
        assertShape(acts, "head.pool", 2, 512);
        assertShape(acts, "head.fc", 2, 10);
    }

    private static Map<String, INDArray> activations(ComputationGraph net) {
        return net.feedForward(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32), false);
    }

    private static void assertShape(Map<String, INDArray> acts, String vertex, long... shape) {
        assertThat(acts).containsKey(vertex);
        assertThat(acts.get(vertex).shape()).as(vertex).containsExactly(shape);
    }
}
