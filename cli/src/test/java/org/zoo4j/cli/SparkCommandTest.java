package org.zoo4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.train.run.TinyCifar;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code zoo4j train --spark local[2]} end to end, and its settings' errors in the command line's words. */
class SparkCommandTest {

    @Test
    void trainsOnLocalSparkAndWritesTheRunAsUsual(@TempDir Path tmp) throws Exception {
        Path data = TinyCifar.write(tmp, 16);
        Path out = tmp.resolve("run");
        CliRun run = CliRun.of("train", "resnet20", "--data", data.toString(), "--epochs", "2", "--batch", "8",
                "--val-split", "16", "--spark", "local[2]", "--averaging-frequency", "2", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("zoo4j: training on Spark local[2]: 2 workers, batch 8 each, averaging every 2 "
                + "steps").contains("epoch 2/2: train loss");
        assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(3);
        assertThat(Files.readString(out.resolve("report.html"))).contains("--spark local[2]");
        assertThat(out.resolve("checkpoints/best.zip")).exists();
    }

    @Test
    void badSparkSettingsNameTheFlag() {
        CliRun run = CliRun.of("train", "resnet20", "--spark", "local[2]", "--averaging-frequency", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("zoo4j: --averaging-frequency must be >= 1, got 0").doesNotContain("\tat ");
    }
}
