package org.zoo4j.weights;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.core.Normalization;
import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.core.file.Labels;
import org.zoo4j.core.file.ModelFile;
import org.zoo4j.core.inference.Evaluator;
import org.zoo4j.data.CifarRecords;
import org.zoo4j.data.CifarSample;
import org.zoo4j.data.ImageDatasetIterator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WeightsPackerTest {

    private static final String STATE = """
            {"epochsDone": 2, "settings": "{\\"model\\": \\"resnet20\\", \\"validation\\": \\"last:10000\\"}",
             "history": [{"epoch": 1, "trainLoss": 1.5, "valLoss": 1.2, "valAccuracy": 0.55, "learningRate": 0.05,
                          "seconds": 100.0, "imagesPerSecond": 400.0},
                         {"epoch": 2, "trainLoss": 1.0, "valLoss": 0.9, "valAccuracy": 0.68, "learningRate": 0.0,
                          "seconds": 50.0, "imagesPerSecond": 800.0}]}""";

    /** Images of the sample standing in for a test set: the packer evaluates on whatever it is given. */
    private static final CifarRecords IMAGES = CifarSample.records().limit(200);
    private static final WeightsPacker.TestSet TEST = new WeightsPacker.TestSet("the embedded sample", 200,
            card -> ImageDatasetIterator.builder(IMAGES, card.height(), card.width())
                    .normalization(card.preprocessing()).dataFormat(card.layout()).build());

    @Test
    void packsACheckpointWithItsRecordChecksumAndTestAccuracy(@TempDir Path tmp) throws Exception {
        Zoo4jModel zoo = ModelRegistry.builder("resnet20").dataFormat(CNN2DFormat.NHWC).build();
        ModelFile trained = new ModelFile(zoo.init(), zoo.card(Normalization.CIFAR10, Labels.cifar10(),
                "trained by zoo4j"));
        Path checkpoint = tmp.resolve("best.zip");
        trained.save(checkpoint, true, Map.of(WeightsPacker.STATE, STATE));
        Path dir = tmp.resolve("weights");
        double accuracy = Evaluator.evaluate(trained.net(), ImageDatasetIterator.builder(IMAGES, 32, 32)
                .normalization(Normalization.CIFAR10).dataFormat(CNN2DFormat.NHWC).build(), Labels.cifar10())
                .accuracy();

        Pretrained p = WeightsPacker.pack(checkpoint, TEST, "resnet20.test", "made up for a test", "CC0-1.0", dir);
        assertThat(p.sha256()).isEqualTo(PretrainedWeights.sha256(Files.readAllBytes(dir.resolve("resnet20.test.zip"))));
        assertThat(p.training().get("epochs").asInt()).isEqualTo(2);
        assertThat(p.training().get("wall_seconds").asLong()).isEqualTo(150);
        assertThat(p.training().get("images_per_second").asLong()).isEqualTo(533); // 80,000 images in 150 s
        assertThat(p.training().get("val_accuracy").asDouble()).isEqualTo(0.68);
        assertThat(p.training().get("settings").get("validation").asText()).isEqualTo("last:10000");
        assertThat(p.training().get("test").get("accuracy").asDouble()).isEqualTo(accuracy);
        assertThat(p.training().get("test").get("images").asInt()).isEqualTo(200);
        assertThat(p.training().get("test").get("data").asText()).isEqualTo("the embedded sample");
        assertThat(p.license()).isEqualTo("CC0-1.0");
        ModelFile packed = ModelFile.load(dir.resolve(p.file()));
        assertThat(packed.card().weights()).contains("resnet20.test")
                .contains(String.format(Locale.ROOT, "test accuracy %.4f on the embedded sample (200 images)", accuracy))
                .contains("made up for a test");
        assertThat(packed.card().layout()).isEqualTo(CNN2DFormat.NHWC);
        assertThat(Arrays.equals(packed.net().params().toFloatVector(), trained.net().params().toFloatVector())).isTrue();
        assertThat(Files.size(dir.resolve(p.file()))).as("no updater state").isLessThan(Files.size(checkpoint));

        WeightsPacker.pack(checkpoint, TEST, "resnet20.test", "again", null, dir); // replaces its entry
        assertThat(Files.readString(dir.resolve(PretrainedWeights.INDEX))).containsOnlyOnce("\"tag\" : \"resnet20.test\"")
                .contains("again");
        assertThatThrownBy(() -> WeightsPacker.pack(dir.resolve(p.file()), TEST, "x.y", "z", null, dir))
                .hasMessageContaining("not a training checkpoint");
    }
}
