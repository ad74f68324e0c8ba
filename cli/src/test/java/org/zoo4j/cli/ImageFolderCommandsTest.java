package org.zoo4j.cli;

import org.zoo4j.layers.testing.Bits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.zoo4j.train.run.TinyImages;
import org.zoo4j.core.file.ModelFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Own images end to end: train on an image folder, then fine-tune the result on another folder with new classes. */
class ImageFolderCommandsTest {

    @Test
    void trainOnAFolderThenFineTuneOnAnotherWithFrozenStages(@TempDir Path tmp) throws Exception {
        Path first = TinyImages.write(tmp.resolve("first"), List.of("red", "green", "blue", "pink"), 12, true);
        Path run = tmp.resolve("run");
        CliRun train = CliRun.of("train", "resnet20", "--data", first.toString(), "--epochs", "2", "--batch", "16",
                "--out", run.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        ModelFile trained = ModelFile.load(run.resolve("checkpoints/best.zip"));
        assertThat(trained.card().labels()).containsExactly("blue", "green", "pink", "red");
        assertThat(trained.card().inputShape()).containsExactly(3, 32, 32);

        Path second = TinyImages.write(tmp.resolve("second"), List.of("cyan", "lime"), 9, false);
        Path tuned = tmp.resolve("tuned");
        CliRun fineTune = CliRun.of("train", run.resolve("checkpoints/best.zip").toString(), "--data",
                second.toString(), "--freeze", "stage2", "--epochs", "1", "--val-split", "4", "--out", tuned.toString());
        assertThat(fineTune.exitCode()).as(fineTune.err()).isZero();
        ModelFile result = ModelFile.load(tuned.resolve("checkpoints/epoch-0001.zip"));
        assertThat(result.card().labels()).containsExactly("cyan", "lime");
        assertThat(result.card().weights()).contains("fine-tuned").contains("from resnet20");
        assertThat(result.card().layout()).isEqualTo(trained.card().layout());
        // the frozen part is the trained network's, bit for bit
        Bits.assertSame(result.net().getLayer("stage2.block3.conv2").params(),
                trained.net().getLayer("stage2.block3.conv2").params(), "frozen stage2.block3.conv2");

        CliRun eval = CliRun.of("eval", tuned.resolve("checkpoints/epoch-0001.zip").toString(), "--json");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(eval.out());
        assertThat(json.get("classes")).hasSize(2);
        assertThat(json.get("confusion").get(0).get(0).asInt() + json.get("confusion").get(0).get(1).asInt()
                + json.get("confusion").get(1).get(0).asInt() + json.get("confusion").get(1).get(1).asInt())
                .isEqualTo(4);

        Path picture = Files.list(second.resolve("train/lime")).findFirst().orElseThrow();
        CliRun predict = CliRun.of("predict", tuned.resolve("checkpoints/epoch-0001.zip").toString(),
                picture.toString(), "--top", "2");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out()).containsPattern("(cyan|lime) [01]\\.\\d{3} (cyan|lime) [01]\\.\\d{3}");
    }

    @Test
    void folderProblemsAreOneLine(@TempDir Path tmp) throws Exception {
        Path data = TinyImages.write(tmp.resolve("data"), List.of("a", "b"), 3, false);
        Path bad = Files.writeString(data.resolve("train/a/bad.png"), "not a png");
        CliRun run = CliRun.of("train", "resnet20", "--data", data.toString(), "--epochs", "1", "--out",
                tmp.resolve("r").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("zoo4j: " + bad).contains("--skip-bad").doesNotContain("\tat ");

        CliRun skipping = CliRun.of("train", "resnet20", "--data", data.toString(), "--epochs", "1", "--skip-bad",
                "--val-split", "2", "--out", tmp.resolve("r2").toString());
        assertThat(skipping.exitCode()).as(skipping.err()).isZero();

        CliRun freezeName = CliRun.of("train", tmp.resolve("r2/checkpoints/epoch-0001.zip").toString(), "--data",
                data.toString(), "--skip-bad", "--val-split", "2", "--freeze", "stage7", "--out",
                tmp.resolve("r3").toString());
        assertThat(freezeName.exitCode()).isEqualTo(1);
        assertThat(freezeName.err()).contains("--freeze 'stage7'").contains("stage2.block1");
    }
}
