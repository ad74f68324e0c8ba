package org.zoo4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.train.run.TinyCifar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM during training (a child JVM running the CLI): it stops after the current step, checkpoints exactly there,
 * says so and exits with 143; --resume continues from that step (the weights of an uninterrupted run are checked by
 * the train module's TrainingRunTest).
 */
class GracefulStopTest {

    @Test
    void sigtermCheckpointsTheStepAndResumeContinuesFromIt(@TempDir Path tmp) throws Exception {
        Path data = TinyCifar.write(tmp, 16); // 4 steps per epoch
        Path out = tmp.resolve("run");
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "org.zoo4j.cli.Zoo4j", "train", "resnet20", "--data",
                data.toString(), "--epochs", "12", "--batch", "16", "--val-split", "16", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(out.resolve("checkpoints/epoch-0001.zip")) && child.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        child.destroy(); // SIGTERM
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("stops within a step").isTrue();
        String log = Files.readString(tmp.resolve("child.log"));
        assertThat(child.exitValue()).as(log).isEqualTo(143);
        assertThat(log).contains("SIGTERM: stopping after this step").contains("zoo4j: stopped by SIGTERM in epoch")
                .doesNotContain("\tat ");
        List<String> names;
        try (Stream<Path> files = Files.list(out.resolve("checkpoints"))) {
            names = files.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(names).anyMatch(n -> n.matches("epoch-\\d{4}-step-\\d{6}\\.zip"));

        CliRun resumed = CliRun.of("train", "--resume", "--out", out.toString(), "--epochs", "12");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).containsPattern("resuming resnet20 from .*-step-\\d{6}\\.zip \\(\\d+ of 12 epochs "
                + "done, and \\d+ steps of epoch \\d+\\)");
        assertThat(out.resolve("checkpoints/epoch-0012.zip")).exists();
    }
}
