package org.zoo4j.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.train.run.RunData;
import org.zoo4j.train.run.RunSettings;
import org.zoo4j.train.run.TinyCifar;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LabelSmoothingTest {

    @Test
    void smoothsOneHotTargetsAsPyTorchDoes() {
        DataSet batch = new DataSet(Nd4j.zeros(2, 3), Nd4j.createFromArray(new float[][]{{0, 1, 0, 0}, {1, 0, 0, 0}}));
        new LabelSmoothing(0.1).preProcess(batch);
        // (1 - 0.1) * y + 0.1 / 4: 0.925 for the class, 0.025 for the others, rows still summing to 1
        assertThat(batch.getLabels().getRow(0).toDoubleVector()).containsExactly(new double[]{0.025, 0.925, 0.025,
                0.025}, within(1e-7));
        assertThat(batch.getLabels().sum(1).toDoubleVector()).containsExactly(new double[]{1, 1}, within(1e-6));
        assertThatThrownBy(() -> new LabelSmoothing(1)).hasMessageContaining("label smoothing must be in [0, 1)");
    }

    @Test
    void aRunSmoothsItsTrainingTargetsOnly(@TempDir Path tmp) throws Exception {
        RunSettings base = TinyCifar.settings(TinyCifar.write(tmp, 32), 1, 0.05);
        var h = base.hyperparameters();
        RunSettings smoothed = new RunSettings(base.model(), base.data(), base.limit(), base.validation(),
                base.augmentation(), base.normalization(), base.format(), new Hyperparameters(h.epochs(),
                h.batchSize(), h.optimizer(), h.learningRate(), h.momentum(), h.nesterov(), h.weightDecay(),
                h.schedule(), h.warmupEpochs(), h.seed(), 0.2, 0, false), base.freeze(), base.skipBad());
        RunData data = RunData.load(smoothed, 32, 32);
        assertThat(data.train().next().getLabels().maxNumber().doubleValue()).isCloseTo(0.8 + 0.02, within(1e-6));
        assertThat(data.validation().next().getLabels().maxNumber().doubleValue()).isEqualTo(1.0);

        // settings written before label smoothing existed read as none
        String old = smoothed.toJson().replaceAll(",?\\s*\"labelSmoothing\"\\s*:\\s*0\\.2", "");
        assertThat(old).doesNotContain("labelSmoothing");
        assertThat(RunSettings.fromJson(old).hyperparameters().labelSmoothing()).isZero();
    }
}
