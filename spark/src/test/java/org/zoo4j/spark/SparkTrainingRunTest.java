package org.zoo4j.spark;

import org.zoo4j.train.run.DataSource;
import org.zoo4j.train.run.ValidationSplit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.data.Augmentation;
import org.zoo4j.train.Checkpoints;
import org.zoo4j.train.EpochMetrics;
import org.zoo4j.core.inference.Evaluator;
import org.zoo4j.train.Hyperparameters;
import org.zoo4j.train.TrainingState;
import org.zoo4j.train.run.Recipe;
import org.zoo4j.train.run.RunData;
import org.zoo4j.train.run.RunSettings;
import org.zoo4j.train.run.TrainingRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** A zoo4j training run on {@code local[2]}: learns as one machine does, writes the same files, resumes. */
class SparkTrainingRunTest {

    private static final int EPOCHS = 4;

    @Test
    void twoWorkersLearnLikeOneMachineAndTheRunResumes(@TempDir Path tmp) throws Exception {
        RunSettings settings = settings(StripesCifar.write(tmp, 60));
        TrainingState single = new TrainingRun(tmp.resolve("single")).start(settings);
        Path dir = tmp.resolve("spark");
        TrainingState spark;
        try (SparkEngine engine = SparkEngine.connect("local[2]", new SparkSettings(2, 2, 0))) {
            spark = new TrainingRun(dir).engine(engine).start(settings);

            // the same files as a single-machine run, written by the driver
            assertThat(dir.resolve("metrics.csv")).exists();
            assertThat(dir.resolve("report.html")).exists();
            Checkpoints checkpoints = new Checkpoints(dir.resolve("checkpoints"));
            assertThat(checkpoints.epochFiles()).hasSize(3);
            ComputationGraph last = Checkpoints.load(dir.resolve("checkpoints/epoch-0004.zip")).model().net();

            // a run killed after epoch 3 resumes on Spark and ends where the uninterrupted one did
            Files.delete(dir.resolve("checkpoints/epoch-0004.zip"));
            TrainingRun resumed = new TrainingRun(dir).engine(engine);
            TrainingState again = resumed.resume(resumed.resumePoint(), OptionalInt.of(EPOCHS));
            ComputationGraph resumedNet = Checkpoints.load(dir.resolve("checkpoints/epoch-0004.zip")).model().net();
            assertThat(again.epochsDone()).isEqualTo(EPOCHS);
            assertThat(resumedNet.params().equalsWithEps(last.params(), 1e-4)).isTrue();

            // the saved model reloads and scores what the run measured
            RunData data = RunData.load(settings, 32, 32);
            assertThat(Evaluator.evaluate(last, data.validation(), data.labels()).accuracy())
                    .isEqualTo(spark.last().valAccuracy());
        }

        EpochMetrics first = spark.history().get(0);
        assertThat(spark.last().trainLoss()).isLessThan(first.trainLoss() * 0.5);
        assertThat(single.last().valAccuracy()).isGreaterThan(0.8);
        assertThat(spark.last().valAccuracy()).isGreaterThan(0.8)
                .isCloseTo(single.last().valAccuracy(), org.assertj.core.data.Offset.offset(0.15));
    }

    /** resnet20 on the stripes, no augmentation (a shifted crop would move a stripe into its neighbour's rows). */
    private static RunSettings settings(Path data) {
        RunSettings base = RunSettings.of(Recipe.STANDARD, "resnet20");
        Hyperparameters h = base.hyperparameters();
        return new RunSettings("resnet20", DataSource.of(data.toString()), 0, new ValidationSplit.Count(50),
                Augmentation.NONE, base.normalization(), base.format(),
                new Hyperparameters(EPOCHS, 16, h.optimizer(), 0.05, h.momentum(), h.nesterov(),
                h.weightDecay(), h.schedule(), 0, 7, 0, 0, false), null, false);
    }
}
