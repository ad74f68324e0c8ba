package org.zoo4j.weights;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.evaluation.classification.Evaluation;
import org.zoo4j.data.ImageDatasetIterator;
import org.zoo4j.data.CifarRecords;
import org.zoo4j.data.CifarSample;
import org.zoo4j.core.file.ModelCard;
import org.zoo4j.core.file.ModelFile;

import java.io.IOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The weights in this jar: each loads by its tag with its checksum, says how it was made, and classifies. */
class ShippedWeightsTest {

    @Test
    void everyFileLoadsWithItsCard() throws Exception {
        List<Pretrained> shipped = PretrainedWeights.available();
        assertThat(shipped).extracting(Pretrained::tag).contains("resnet20.cifar10", "vgg13.cifar10");
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

    @Test
    void shippedFilesHoldNoJavaSerializedEntry() throws Exception {
        for (Pretrained p : PretrainedWeights.available()) {
            try (ZipFile zip = new ZipFile(PretrainedWeights.file(p.tag()).toFile())) {
                for (ZipEntry e : zip.stream().toList()) {
                    assertThat(e.getName()).doesNotStartWith("objects/");
                    byte[] head = zip.getInputStream(e).readNBytes(2);
                    assertThat(head).as(p.tag() + " " + e.getName()).isNotEqualTo(new byte[]{(byte) 0xAC, (byte) 0xED});
                }
            }
        }
    }

    @Test
    void aFileThatDoesNotMatchItsChecksumIsRefused() {
        Pretrained real = PretrainedWeights.find("resnet20.cifar10").orElseThrow();
        Pretrained damaged = new Pretrained(real.tag(), real.file(), "0".repeat(64), real.training(),
                real.license());
        assertThatThrownBy(() -> PretrainedWeights.file(damaged)).isInstanceOf(IOException.class)
                .hasMessageContaining("resnet20.cifar10: the shipped file's SHA-256 is " + real.sha256())
                .hasMessageContaining("the index says " + "0".repeat(64)).hasMessageContaining("the jar is damaged");
    }

    /** Each weight describes itself as torchvision's Weights.meta does. */
    @Test
    void resnet20DescribesItself() throws Exception {
        WeightsMeta meta = PretrainedWeights.meta("resnet20.cifar10");
        assertThat(meta.numParams()).isEqualTo(269_722);
        assertThat(meta.gflops()).isCloseTo(0.0406, org.assertj.core.data.Offset.offset(0.0005));
        assertThat(meta.fileBytes()).isBetween(900_000L, 1_300_000L);
        assertThat(meta.inputSize()).containsExactly(3, 32, 32);
        assertThat(meta.interpolation()).isEqualTo("bilinear");
        assertThat(meta.cropPct()).isEqualTo(1.0);
        assertThat(meta.mean()).containsExactly(0.4914f, 0.4822f, 0.4465f);
        assertThat(meta.labels()).hasSize(10).startsWith("airplane");
        assertThat(meta.accuracy()).isEqualTo(0.8595);
        assertThat(meta.accuracyOn()).isEqualTo("the test images of ../shared/data/cifar-10-batches-bin (10,000 images)");
        assertThat(meta.epochs()).isEqualTo(15);
        assertThat(meta.recipe().path("hyperparameters").path("learningRate").asDouble()).isEqualTo(0.1);
        assertThat(meta.license()).contains("none stated");
        assertThat(meta.provenance()).contains("JPEG");
    }

    @Test
    void vgg13DescribesItsRecipe() throws Exception {
        WeightsMeta meta = PretrainedWeights.meta("vgg13.cifar10");
        assertThat(meta.numParams()).isEqualTo(9_570_506);
        assertThat(meta.accuracy()).isEqualTo(0.8623);
        assertThat(meta.epochs()).isEqualTo(15);
        assertThat(meta.recipe().path("hyperparameters").path("learningRate").asDouble()).isEqualTo(0.05);
        assertThat(meta.recipe().path("hyperparameters").path("warmupEpochs").asInt()).isEqualTo(1);
        assertThat(meta.recipe().path("validation").asText()).isEqualTo("none");
    }

    @Test
    void resnet18DescribesItsRecipe() throws Exception {
        WeightsMeta meta = PretrainedWeights.meta("resnet18.cifar10");
        assertThat(meta.numParams()).isEqualTo(11_173_962);
        assertThat(meta.accuracy()).isEqualTo(0.8917);
        assertThat(meta.epochs()).isEqualTo(15);
        assertThat(meta.recipe().path("validation").asText()).isEqualTo("none");
        assertThat(meta.provenance()).contains("bfloat16");
    }

    static List<String> tags() {
        return PretrainedWeights.available().stream().map(Pretrained::tag).toList();
    }

    /** The embedded sample (lossless images of data_batch_1, which the weights trained on): mostly right. */
    @ParameterizedTest
    @MethodSource("tags")
    void classifiesTheSampleMostlyRight(String tag) throws Exception {
        ModelFile model = PretrainedWeights.load(tag);
        CifarRecords sample = CifarSample.records().limit(500);
        ImageDatasetIterator images = ImageDatasetIterator.builder(sample, 32, 32).batchSize(100)
                .normalization(model.card().preprocessing()).dataFormat(model.card().layout()).build();
        Evaluation evaluation = model.net().evaluate(images);
        assertThat(evaluation.accuracy()).isGreaterThan(0.8);
    }
}
