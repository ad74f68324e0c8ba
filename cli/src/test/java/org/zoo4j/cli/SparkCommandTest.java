package org.zoo4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.train.run.TinyCifar;

import java.nio.file.Files;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    /** On Spark a SIGTERM ends the run after the current epoch, checkpointed; --resume continues from it. */
    @Test
    void sigtermStopsAfterTheEpoch(@TempDir Path tmp) throws Exception {
        Path data = TinyCifar.write(tmp, 16);
        Path out = tmp.resolve("run");
        Path log = tmp.resolve("child.log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens")).toList()); // Spark's, as the launcher passes them
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.zoo4j.cli.Zoo4j", "train",
                "resnet20", "--data", data.toString(), "--epochs", "40", "--batch", "16", "--val-split", "16",
                "--spark", "local[2]", "--out", out.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(out.resolve("checkpoints/epoch-0001.zip")) && child.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        child.destroy();
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String printed = Files.readString(log);
        assertThat(child.exitValue()).as(printed).isEqualTo(143);
        assertThat(printed).containsPattern("zoo4j: stopped by SIGTERM after epoch \\d+; its checkpoint is in")
                .doesNotContain("epoch 40/40").doesNotContain("\tat ");
    }

    @Test
    void badSparkSettingsNameTheFlag() {
        CliRun run = CliRun.of("train", "resnet20", "--spark", "local[2]", "--averaging-frequency", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("zoo4j: --averaging-frequency must be >= 1, got 0").doesNotContain("\tat ");
    }
}
