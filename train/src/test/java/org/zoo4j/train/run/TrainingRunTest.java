package org.zoo4j.train.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.core.Normalization;
import org.zoo4j.train.Checkpoint;
import org.zoo4j.train.Checkpoints;
import org.zoo4j.train.TrainingDivergedException;
import org.zoo4j.train.TrainingState;
import org.zoo4j.core.file.ModelFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingRunTest {

    @TempDir
    Path tmp;

    @Test
    void resumedRunEqualsTheUninterruptedOneBitForBit() throws Exception {
        Path data = TinyCifar.write(tmp, 16);
        Path out = tmp.resolve("run");
        TrainingState full = new TrainingRun(out).start(TinyCifar.settings(data, 2, 0.05));
        assertThat(full.epochsDone()).isEqualTo(2);
        Path second = out.resolve("checkpoints/epoch-0002.zip");
        float[] uninterrupted = ModelFile.load(second).net().params().toFloatVector();

        Files.delete(second); // as if the process had died during epoch 2
        TrainingRun again = new TrainingRun(out);
        Checkpoint from = again.resumePoint();
        assertThat(from.file().getFileName().toString()).isEqualTo("epoch-0001.zip");
        TrainingState resumed = again.resume(from, OptionalInt.empty());

        assertThat(resumed.epochsDone()).isEqualTo(2);
        float[] continued = ModelFile.load(second).net().params().toFloatVector();
        assertThat(Arrays.equals(continued, uninterrupted)).as("bit-identical parameters").isTrue();
        assertThat(resumed.history().get(1).valLoss()).isEqualTo(full.history().get(1).valLoss());
        assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(3);
        assertThat(out.resolve("checkpoints/best.zip")).exists();
    }

    /** Stopped on request after step 6 (epoch 2, step 2), resumed from exactly there: the uninterrupted weights. */
    @Test
    void aRunStoppedMidEpochResumesFromThatStepToTheSameWeights() throws Exception {
        Path data = TinyCifar.write(tmp, 16); // 64 training records, batch 16: 4 steps per epoch
        TrainingState full = new TrainingRun(tmp.resolve("full")).start(TinyCifar.settings(data, 3, 0.05));
        float[] uninterrupted = ModelFile.load(tmp.resolve("full/checkpoints/epoch-0003.zip")).net().params()
                .toFloatVector();

        Path out = tmp.resolve("stopped");
        java.util.concurrent.atomic.AtomicInteger steps = new java.util.concurrent.atomic.AtomicInteger();
        TrainingState stopped = new TrainingRun(out).stopWhen(() -> steps.incrementAndGet() >= 6)
                .start(TinyCifar.settings(data, 3, 0.05));
        assertThat(stopped.stopped()).isTrue();
        assertThat(stopped.epochsDone()).isEqualTo(1);
        assertThat(stopped.partial().steps()).isEqualTo(2);
        assertThat(out.resolve("checkpoints/epoch-0001-step-000002.zip")).exists();

        TrainingRun again = new TrainingRun(out);
        Checkpoint from = again.resumePoint();
        assertThat(from.file().getFileName().toString()).isEqualTo("epoch-0001-step-000002.zip");
        TrainingState resumed = again.resume(from, OptionalInt.empty());

        assertThat(resumed.stopped()).isFalse();
        assertThat(resumed.epochsDone()).isEqualTo(3);
        float[] continued = ModelFile.load(out.resolve("checkpoints/epoch-0003.zip")).net().params().toFloatVector();
        assertThat(Arrays.equals(continued, uninterrupted)).as("bit-identical parameters").isTrue();
        assertThat(resumed.history().get(1).trainLoss()).isEqualTo(full.history().get(1).trainLoss());
        assertThat(resumed.history().get(2).valLoss()).isEqualTo(full.history().get(2).valLoss());
    }

    @Test
    void checkpointsCarryTheModelCard() throws Exception {
        Path data = TinyCifar.write(tmp, 8);
        Path out = tmp.resolve("run");
        new TrainingRun(out).start(TinyCifar.settings(data, 1, 0.05));
        ModelFile model = ModelFile.load(out.resolve("checkpoints/epoch-0001.zip"));
        assertThat(model.card().architecture()).isEqualTo("resnet20");
        assertThat(model.card().inputShape()).containsExactly(3, 32, 32);
        assertThat(model.card().layout().name()).isEqualTo("NHWC");
        assertThat(model.card().preprocessing()).isEqualTo(Normalization.CIFAR10);
        assertThat(model.card().labels()).hasSize(10).startsWith("airplane", "automobile");
    }

    @Test
    void damagedCheckpointIsSkippedForThePreviousOne() throws Exception {
        Path data = TinyCifar.write(tmp, 16);
        Path out = tmp.resolve("run");
        new TrainingRun(out).start(TinyCifar.settings(data, 2, 0.05));
        Path second = out.resolve("checkpoints/epoch-0002.zip");
        byte[] bytes = Files.readAllBytes(second);
        Files.write(second, Arrays.copyOf(bytes, bytes.length / 2));

        TrainingRun again = new TrainingRun(out);
        Checkpoint from = again.resumePoint();
        assertThat(from.file().getFileName().toString()).isEqualTo("epoch-0001.zip");
        TrainingState resumed = again.resume(from, OptionalInt.empty());

        assertThat(resumed.epochsDone()).isEqualTo(2);
        assertThat(Checkpoints.load(second).state().epochsDone()).isEqualTo(2);
    }

    @Test
    void divergingLossStopsWithEpochStepAndCause() throws Exception {
        Path data = TinyCifar.write(tmp, 16);
        TrainingRun training = new TrainingRun(tmp.resolve("run"));
        assertThatThrownBy(() -> training.start(TinyCifar.settings(data, 2, 1e8)))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("in epoch 1 at step").hasMessageContaining("last good checkpoint is none")
                .cause().isInstanceOf(TrainingDivergedException.class)
                .satisfies(cause -> assertThat(((TrainingDivergedException) cause).epoch()).isEqualTo(1));
    }

    @Test
    void newRunRefusesADirectoryWithCheckpointsAndResumeNeedsOne() throws Exception {
        Path data = TinyCifar.write(tmp, 8);
        Path out = tmp.resolve("run");
        assertThatThrownBy(() -> new TrainingRun(out).resumePoint()).hasMessageContaining("nothing to resume");
        new TrainingRun(out).start(TinyCifar.settings(data, 1, 0.05));
        assertThatThrownBy(() -> new TrainingRun(out).start(TinyCifar.settings(data, 1, 0.05)))
                .hasMessageContaining("already holds checkpoints");
        TrainingRun again = new TrainingRun(out);
        Checkpoint from = again.resumePoint();
        assertThatThrownBy(() -> again.resume(from, OptionalInt.of(5))).hasMessageContaining("set up for 1 epochs");
    }

    @Test
    void oneRunPerDirectory() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("busy"));
        try (RunLock held = RunLock.acquire(out)) {
            assertThatThrownBy(() -> new TrainingRun(out).start(TinyCifar.settings(TinyCifar.write(tmp, 8), 1, 0.05)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another training run")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            assertThat(out.resolve("checkpoints")).doesNotExist();
        }
        // released: the directory is free again, and the lock file names the new owner
        TrainingState done = new TrainingRun(out).start(TinyCifar.settings(TinyCifar.write(tmp, 8), 1, 0.05));
        assertThat(done.epochsDone()).isEqualTo(1);
        assertThat(Files.readString(out.resolve(RunLock.FILE))).startsWith("pid " + ProcessHandle.current().pid());
    }

    @Test
    void settingsSurviveJsonAndTrainNhwcByDefault() {
        RunSettings s = RunSettings.of(Recipe.STANDARD, "resnet20");
        assertThat(s.format().name()).isEqualTo("NHWC");
        assertThat(RunSettings.fromJson(s.toJson())).isEqualTo(s);
    }
}
