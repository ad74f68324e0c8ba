package org.zoo4j.train;

import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerTest {

    @TempDir
    Path tmp;
    private final StringWriter logText = new StringWriter();
    private final PrintWriter log = new PrintWriter(logText, true);

    @Test
    void resumedRunEqualsTheUninterruptedOne() throws Exception {
        Path data = TinyCifar.write(tmp, 16);
        Path out = tmp.resolve("run");
        TrainingState full = new Trainer(out, log, false).train(TinyCifar.options(data, 2, 0.05));
        assertThat(full.epochsDone()).isEqualTo(2);
        Path second = out.resolve("checkpoints/epoch-0002.zip");
        INDArray uninterrupted = ModelSerializer.restoreComputationGraph(second.toFile(), false).params();

        Files.delete(second); // as if the process had died during epoch 2
        TrainingState resumed = new Trainer(out, log, false).resume(Optional.empty());

        assertThat(resumed.epochsDone()).isEqualTo(2);
        INDArray continued = ModelSerializer.restoreComputationGraph(second.toFile(), false).params();
        assertThat(continued).isEqualTo(uninterrupted);
        assertThat(resumed.history()).hasSize(2);
        assertThat(resumed.history().get(1).valLoss()).isEqualTo(full.history().get(1).valLoss());
        assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(3);
        assertThat(out.resolve("loss.png")).exists();
        assertThat(out.resolve("accuracy.png")).exists();
        assertThat(out.resolve("checkpoints/best.zip")).exists();
    }

    @Test
    void damagedCheckpointIsSkippedForThePreviousOne() throws Exception {
        Path data = TinyCifar.write(tmp, 16);
        Path out = tmp.resolve("run");
        new Trainer(out, log, false).train(TinyCifar.options(data, 2, 0.05));
        Path second = out.resolve("checkpoints/epoch-0002.zip");
        byte[] bytes = Files.readAllBytes(second);
        Files.write(second, Arrays.copyOf(bytes, bytes.length / 2));

        TrainingState resumed = new Trainer(out, log, false).resume(Optional.empty());

        assertThat(logText.toString()).contains("skipping damaged checkpoint").contains("epoch-0002.zip")
                .contains("resuming resnet20 from").contains("epoch-0001.zip");
        assertThat(resumed.epochsDone()).isEqualTo(2);
        assertThat(Checkpoints.load(second).state().epochsDone()).isEqualTo(2);
    }

    @Test
    void divergingLossStopsWithEpochAndStep() throws Exception {
        Path data = TinyCifar.write(tmp, 16);
        Trainer trainer = new Trainer(tmp.resolve("run"), log, false);
        assertThatThrownBy(() -> trainer.train(TinyCifar.options(data, 2, 1e8)))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("in epoch 1 at step").hasMessageContaining("--lr");
    }

    @Test
    void newRunRefusesADirectoryWithCheckpointsAndResumeNeedsOne() throws Exception {
        Path data = TinyCifar.write(tmp, 8);
        Path out = tmp.resolve("run");
        assertThatThrownBy(() -> new Trainer(out, log, false).resume(Optional.empty()))
                .hasMessageContaining("nothing to resume");
        new Trainer(out, log, false).train(TinyCifar.options(data, 1, 0.05));
        assertThatThrownBy(() -> new Trainer(out, log, false).train(TinyCifar.options(data, 1, 0.05)))
                .hasMessageContaining("continue it with --resume");
        assertThatThrownBy(() -> new Trainer(out, log, false).resume(Optional.of(5)))
                .hasMessageContaining("set up for 1 epochs");
    }
}
