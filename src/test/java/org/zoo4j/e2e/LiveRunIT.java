package org.zoo4j.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A training run as processes see it: its directory lock, and Ctrl-C once (checkpoint, 130) or twice (at once). */
class LiveRunIT {

    @TempDir
    Path work;

    /** Trains on the embedded sample long enough to be interrupted. */
    private Launcher.Running longRun(Path out) throws IOException {
        return Launcher.start(work, "train", "resnet20", "--epochs", "30", "--limit", "2500", "--out", out.toString());
    }

    /** Waits until the run's first epoch is done, so that it is in the middle of the second one. */
    private static void awaitEpoch(Launcher.Running run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!run.err().contains("epoch 1/30:")) {
            assertThat(run.process().isAlive()).as(run.err()).isTrue();
            assertThat(System.nanoTime()).as("first epoch within 3 minutes").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** A long run, sent Ctrl-C's signal in the middle of its second epoch. */
    private Launcher.Running interruptedInEpoch2(Path out) throws Exception {
        Launcher.Running run = longRun(out);
        awaitEpoch(run);
        run.signal("INT");
        return run;
    }

    @Test
    void aSecondTrainIntoALiveRunsDirectoryIsRefusedNamingTheOtherProcess() throws Exception {
        Path out = work.resolve("run");
        Launcher.Running first = longRun(out);
        try {
            awaitEpoch(first);
            Launcher.Result second = Launcher.run(work, 120, "train", "resnet20", "--epochs", "1", "--out",
                    out.toString());
            assertThat(second.exitCode()).as(second.toString()).isEqualTo(1);
            assertThat(second.err()).as(second.toString()).contains("zoo4j: ")
                    .contains(Long.toString(first.process().pid())).doesNotContain("\tat ");
            assertThat(first.process().isAlive()).as("the live run goes on").isTrue();
        } finally {
            first.process().destroyForcibly();
            first.process().waitFor(1, TimeUnit.MINUTES);
        }
    }

    @Test
    void ctrlCCheckpointsTheStepAndExits130() throws Exception {
        Path out = work.resolve("run");
        Launcher.Running run = interruptedInEpoch2(out);
        Launcher.Result stopped = run.waitFor(120);
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(130);
        assertThat(stopped.err()).contains("zoo4j: SIGINT: stopping after this step to save a checkpoint")
                .contains("zoo4j: stopped by SIGINT in epoch 2").doesNotContain("\tat ");
        assertThat(checkpoints(out)).anyMatch(n -> n.matches("epoch-\\d{4}-step-\\d{6}\\.zip"));
    }

    @Test
    void aSecondCtrlCQuitsAtOnceWritingNothingMore() throws Exception {
        Path out = work.resolve("run");
        Launcher.Running run = interruptedInEpoch2(out);
        while (!run.err().contains("send it again to quit at once")) {
            Thread.sleep(5);
        }
        run.signal("INT");
        Launcher.Result stopped = run.waitFor(10);
        assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(130);
        assertThat(stopped.err()).doesNotContain("stopped by SIGINT in epoch");
        assertThat(checkpoints(out)).noneMatch(n -> n.contains("-step-")).contains("epoch-0001.zip");
    }

    private static List<String> checkpoints(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out.resolve("checkpoints"))) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
