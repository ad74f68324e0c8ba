package org.zoo4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.zoo4j.train.Checkpoint;
import org.zoo4j.train.Checkpoints;
import org.zoo4j.train.TrainingState;
import org.zoo4j.train.run.TrainingRun;
import org.zoo4j.train.run.TinyCifar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A training process killed with SIGKILL while it writes a checkpoint loses nothing that was saved before. */
class KillDuringCheckpointTest {

    @Test
    void resumesAfterSigkillDuringACheckpointWrite(@TempDir Path tmp) throws Exception {
        Path data = TinyCifar.write(tmp, 16);
        Path out = tmp.resolve("run");
        Path partial = out.resolve("checkpoints/.epoch-0002.zip.tmp");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "org.zoo4j.cli.Zoo4j", "train", "resnet20",
                "--data", data.toString(), "--epochs", "3", "--batch", "16", "--val-split", "16", "--seed", "7",
                "--out", out.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();

        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(partial) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        child.destroyForcibly(); // SIGKILL on Linux
        child.waitFor(1, TimeUnit.MINUTES);
        assertThat(partial).as("killed mid-write; child log: %s", Files.readString(tmp.resolve("child.log")))
                .exists();

        TrainingRun training = new TrainingRun(out);
        Checkpoint from = training.resumePoint();
        assertThat(partial).as("the interrupted write is cleaned up").doesNotExist();
        assertThat(from.file().getFileName().toString()).isEqualTo("epoch-0001.zip");
        TrainingState state = training.resume(from, OptionalInt.empty());

        assertThat(state.epochsDone()).isEqualTo(3);
        assertThat(Checkpoints.load(out.resolve("checkpoints/epoch-0003.zip")).state().history()).hasSize(3);
        assertThat(out.resolve("checkpoints")).isDirectoryNotContaining("glob:**.tmp");
    }
}
