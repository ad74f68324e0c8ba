package org.zoo4j.weights;

import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.zoo4j.data.Augmentation;
import org.zoo4j.data.CifarIterator;
import org.zoo4j.data.CifarRecords;
import org.zoo4j.data.CifarSample;
import org.zoo4j.zoo.file.ModelCard;
import org.zoo4j.zoo.file.ModelFile;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The weights in this jar: each loads by its tag with its checksum, says how it was made, and classifies. */
class ShippedWeightsTest {

    @Test
    void resnet20IsShippedAndEveryFileLoadsWithItsCard() throws Exception {
        List<Pretrained> shipped = PretrainedWeights.available();
        assertThat(shipped).extracting(Pretrained::tag).contains("resnet20.cifar10");
        for (Pretrained p : shipped) {
            ModelFile model = PretrainedWeights.load(p.tag()); // checks the SHA-256
            ModelCard card = model.card();
            assertThat(card.architecture()).isEqualTo(p.architecture());
            assertThat(card.labels()).hasSize(10);
            assertThat(card.weights()).contains(p.tag()).contains("JPEG");
            assertThat(p.training().get("settings").get("model").asText()).isEqualTo(p.architecture());
            assertThat(p.training().get("epochs").asInt()).isPositive();
            assertThat(p.training().get("val_accuracy").asDouble()).isGreaterThan(0.8);
            assertThat(p.sha256()).hasSize(64);
            // readable with zoo4j-zoo alone: this module's tests have no zoo4j-train on their class path
            assertThat(model.net().getConfiguration().toJson()).doesNotContain("org.zoo4j.train");
        }
        assertThatThrownBy(() -> PretrainedWeights.load("resnet20.imagenet"))
                .hasMessageContaining("no shipped weights 'resnet20.imagenet'").hasMessageContaining("resnet20.cifar10");
    }

    /** The embedded sample (lossless images of data_batch_1, which the weights trained on): mostly right. */
    @Test
    void resnet20ClassifiesTheSampleMostlyRight() throws Exception {
        ModelFile model = PretrainedWeights.load("resnet20.cifar10");
        CifarRecords sample = CifarSample.records().limit(500);
        CifarIterator images = CifarIterator.builder(sample).batchSize(100).shuffle(false)
                .augmentation(Augmentation.NONE).normalization(model.card().preprocessing())
                .dataFormat(model.card().layout()).build();
        Evaluation evaluation = model.net().evaluate(images);
        assertThat(evaluation.accuracy()).isGreaterThan(0.8);
    }
}
