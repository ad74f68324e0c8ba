package org.zoo4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.train.run.TinyCifar;
import org.zoo4j.train.run.TinyImages;
import org.zoo4j.core.file.ModelFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped weights by tag wherever a model file is accepted. */
class ShippedWeightsCommandsTest {

    @Test
    void theTagWorksInListPredictEvalAndFineTuning(@TempDir Path tmp) throws Exception {
        CliRun list = CliRun.of("list");
        assertThat(list.out().lines()).anySatisfy(line -> assertThat(line).startsWith("resnet20 ")
                .contains("resnet20.cifar10"));

        Path images = TinyImages.write(tmp.resolve("images"), List.of("cat", "ship", "frog"), 6, false);
        Path picture = Files.list(images.resolve("train/ship")).findFirst().orElseThrow();
        CliRun predict = CliRun.of("predict", "resnet20.cifar10", picture.toString(), "--top", "3");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out()).containsPattern(": (airplane|automobile|bird|cat|deer|dog|frog|horse|ship|truck) ");

        Path cifar = TinyCifar.write(tmp, 8);
        CliRun eval = CliRun.of("eval", "resnet20.cifar10", "--data", cifar.toString(), "--val-split", "last:8");
        assertThat(eval.exitCode()).as(eval.err()).isZero();

        Path out = tmp.resolve("tuned");
        CliRun tune = CliRun.of("train", "resnet20.cifar10", "--data", images.toString(), "--freeze", "stage3",
                "--epochs", "1", "--val-split", "3", "--out", out.toString());
        assertThat(tune.exitCode()).as(tune.err()).isZero();
        assertThat(ModelFile.load(out.resolve("checkpoints/epoch-0001.zip")).card().weights())
                .contains("from resnet20").contains("resnet20.cifar10");

        CliRun unknown = CliRun.of("predict", "resnet20.imagenet", picture.toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no shipped weights of that name").contains("resnet20.cifar10");
    }
}
