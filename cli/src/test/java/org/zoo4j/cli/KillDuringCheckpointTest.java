package org.zoo4j.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zoo4j.train.Checkpoint;
import org.zoo4j.train.Checkpoints;
import org.zoo4j.train.TrainingState;
import org.zoo4j.train.run.TinyCifar;
import org.zoo4j.train.run.TrainingRun;
import org.zoo4j.core.file.AtomicFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A training process killed with SIGKILL in the middle of a write loses nothing that was saved before: the child JVM
 * stops at a named point (its temporary file written and synced, the rename not yet done) and is killed there.
 */
class KillDuringCheckpointTest {

    @ParameterizedTest(name = "killed before renaming {0}")
    @ValueSource(strings = {"epoch-0002\\.zip", "metrics\\.csv"})
    void resumesAfterSigkillDuringAWrite(String file, @TempDir Path tmp) throws Exception {
        Path data = TinyCifar.write(tmp, 16);
        Path out = tmp.resolve("run");
        Path log = tmp.resolve("child.log");
        Process child = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-D" + AtomicFiles.PAUSE_BEFORE_RENAME + "=" + file, "-cp", System.getProperty("java.class.path"),
                "org.zoo4j.cli.Zoo4j", "train", "resnet20", "--data", data.toString(), "--epochs", "3", "--batch",
                "16", "--val-split", "16", "--seed", "7", "--out", out.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.readString(log).contains("paused before renaming")) {
            assertThat(child.isAlive() && System.nanoTime() < deadline).as(Files.readString(log)).isTrue();
            Thread.sleep(20);
        }
        child.destroyForcibly(); // SIGKILL on Linux
        assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
        try (var files = Files.walk(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("killed mid-write")
                    .anyMatch(n -> n.endsWith(".tmp"));
        }

        TrainingRun training = new TrainingRun(out);
        Checkpoint from = training.resumePoint();
        assertThat(from.file().getFileName().toString()).isEqualTo("epoch-0001.zip");
        TrainingState state = training.resume(from, OptionalInt.empty());

        assertThat(state.epochsDone()).isEqualTo(3);
        assertThat(Checkpoints.load(out.resolve("checkpoints/epoch-0003.zip")).state().history()).hasSize(3);
        assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(1 + 3);
        try (var files = Files.walk(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("the interrupted write is cleaned up")
                    .noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
