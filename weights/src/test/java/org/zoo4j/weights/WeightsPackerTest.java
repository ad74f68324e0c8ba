package org.zoo4j.weights;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.core.Normalization;
import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.core.file.Labels;
import org.zoo4j.core.file.ModelFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

    @Test
    void packsACheckpointWithItsRecordAndChecksum(@TempDir Path tmp) throws Exception {
        Zoo4jModel zoo = ModelRegistry.builder("resnet20").dataFormat(CNN2DFormat.NHWC).build();
        ModelFile trained = new ModelFile(zoo.init(), zoo.card(Normalization.CIFAR10, Labels.cifar10(),
                "trained by zoo4j"));
        Path checkpoint = tmp.resolve("best.zip");
        trained.save(checkpoint, true, Map.of(WeightsPacker.STATE, STATE));
        Path dir = tmp.resolve("weights");

        Pretrained p = WeightsPacker.pack(checkpoint, null, "resnet20.test", "made up for a test", "CC0-1.0", dir);
        assertThat(p.sha256()).isEqualTo(PretrainedWeights.sha256(Files.readAllBytes(dir.resolve("resnet20.test.zip"))));
        assertThat(p.training().get("epochs").asInt()).isEqualTo(2);
        assertThat(p.training().get("wall_seconds").asLong()).isEqualTo(150);
        assertThat(p.training().get("images_per_second").asLong()).isEqualTo(533); // 80,000 images in 150 s
        assertThat(p.training().get("val_accuracy").asDouble()).isEqualTo(0.68);
        assertThat(p.training().get("settings").get("validation").asText()).isEqualTo("last:10000");
        assertThat(p.license()).isEqualTo("CC0-1.0");
        ModelFile packed = ModelFile.load(dir.resolve(p.file()));
        assertThat(packed.card().weights()).contains("resnet20.test").contains("0.6800").contains("made up for a test");
        assertThat(packed.card().layout()).isEqualTo(CNN2DFormat.NHWC);
        assertThat(Arrays.equals(packed.net().params().toFloatVector(), trained.net().params().toFloatVector())).isTrue();
        assertThat(Files.size(dir.resolve(p.file()))).as("no updater state").isLessThan(Files.size(checkpoint));

        WeightsPacker.pack(checkpoint, null, "resnet20.test", "again", null, dir); // replaces its entry
        assertThat(Files.readString(dir.resolve(PretrainedWeights.INDEX))).containsOnlyOnce("\"tag\" : \"resnet20.test\"")
                .contains("again");
        assertThatThrownBy(() -> WeightsPacker.pack(dir.resolve(p.file()), null, "x.y", "z", null, dir))
                .hasMessageContaining("not a training checkpoint");
    }

    /** A final model trained on everything reports the validation of the run that selected its recipe. */
    @Test
    void aRunWithoutValidationShipsWithItsSelectionRunsAccuracy(@TempDir Path tmp) throws Exception {
        Zoo4jModel zoo = ModelRegistry.builder("resnet20").build();
        ModelFile trained = new ModelFile(zoo.init(), zoo.card(Normalization.CIFAR10, Labels.cifar10(),
                "trained by zoo4j"));
        Path selection = tmp.resolve("selection.zip");
        trained.save(selection, true, Map.of(WeightsPacker.STATE, STATE));
        Path all = tmp.resolve("all.zip");
        trained.save(all, true, Map.of(WeightsPacker.STATE, STATE.replace("last:10000", "none")
                .replace("\"valAccuracy\": 0.68", "\"valAccuracy\": \"NaN\"")));
        Path dir = tmp.resolve("weights");

        assertThatThrownBy(() -> WeightsPacker.pack(all, null, "resnet20.test", "x", null, dir))
                .hasMessageContaining("records no validation accuracy");
        Pretrained p = WeightsPacker.pack(all, selection, "resnet20.test", "x", null, dir);
        assertThat(p.training().get("settings").get("validation").asText()).isEqualTo("none");
        assertThat(p.training().get("val_accuracy").asDouble()).isEqualTo(0.68);
        assertThat(p.training().get("selection").get("settings").get("validation").asText()).isEqualTo("last:10000");
        assertThat(ModelFile.load(dir.resolve(p.file())).card().weights())
                .contains("its recipe's validation accuracy (weights.json: selection) 0.6800");
    }
}
