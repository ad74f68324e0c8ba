package org.zoo4j.zoo;

import org.zoo4j.zoo.registry.ModelRegistry;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import static org.assertj.core.api.Assertions.assertThat;

/** The recorded names are what DL4J's TransferLearning needs: freeze up to a stage, replace the classifier. */
class TransferLearningTest {

    @Test
    void freezesEarlyStagesAndReplacesTheClassifier() {
        Zoo4jModel zoo = ModelRegistry.builder("resnet20").build();
        assertThat(zoo.stageOutputs()).containsExactly("stage1.block3.relu", "stage2.block3.relu", "stage3.block3.relu");

        ComputationGraph tuned = new TransferLearning.GraphBuilder(zoo.init())
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Sgd(0.1)).build())
                .setFeatureExtractor(zoo.stageOutputs().get(1))
                .nOutReplace(zoo.classifierName(), 5, WeightInit.XAVIER)
                .build();
        INDArray frozen = tuned.getLayer("stage2.block1.conv1").params().dup();
        INDArray trainable = tuned.getLayer("stage3.block1.conv1").params().dup();

        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32);
        INDArray y = Nd4j.eye(5).getRows(0, 1, 2, 3).castTo(DataType.FLOAT);
        tuned.fit(new DataSet(x, y));

        assertThat(tuned.outputSingle(x).shape()).containsExactly(4, 5);
        assertThat(tuned.getLayer("stage2.block1.conv1").params()).isEqualTo(frozen);
        assertThat(tuned.getLayer("stage3.block1.conv1").params()).isNotEqualTo(trainable);
    }
}
