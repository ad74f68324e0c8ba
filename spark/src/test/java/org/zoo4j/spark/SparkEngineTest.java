package org.zoo4j.spark;

import org.zoo4j.layers.testing.Bits;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.zoo4j.core.Normalization;
import org.zoo4j.data.Augmentation;
import org.zoo4j.data.Cifar10;
import org.zoo4j.data.ImageDatasetIterator;
import org.zoo4j.data.CifarReader;
import org.zoo4j.data.CifarRecords;
import org.zoo4j.train.EpochMetrics;
import org.zoo4j.train.LearningRateSchedule;
import org.zoo4j.train.TinyNets;
import org.zoo4j.train.Trainer;
import org.zoo4j.train.TrainingState;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SparkEngineTest {

    /**
     * DL4J's own check (TestCompareParameterAveragingSparkVsSingleMachine): one worker averaging after every step
     * trains exactly what a plain fit does on the same batches: parameters (BatchNorm statistics included), updater
     * state and iteration count, bit for bit, and the same training loss.
     */
    @Test
    void oneWorkerAveragingEveryStepGivesThePlainFit(@TempDir Path tmp) throws Exception {
        CifarRecords records = CifarReader.read(StripesCifar.write(tmp, 20), Cifar10.Split.TRAIN);
        ComputationGraph plain = net(new Nesterovs(0.05, 0.9));
        ComputationGraph spark = net(new Nesterovs(0.05, 0.9));
        Bits.assertSame(spark.params(), plain.params(), "initial parameters");

        TrainingState single = Trainer.builder(plain, iterator(records)).epochs(2).build().fit();
        TrainingState averaged;
        try (SparkEngine engine = SparkEngine.connect("local[1]", new SparkSettings(1, 1, 0))) {
            averaged = Trainer.builder(spark, iterator(records)).epochs(2).engine(engine).build().fit();
        }

        assertThat(spark.getConfiguration().getIterationCount()).isEqualTo(plain.getConfiguration().getIterationCount())
                .isEqualTo(2 * 100 / 16 + 2);
        Bits.assertSame(spark.params(), plain.params(), "parameters");
        Bits.assertSame(spark.getUpdater().getStateViewArray(), plain.getUpdater().getStateViewArray(), "updater state");
        assertThat(averaged.last().trainLoss()).isCloseTo(single.last().trainLoss(),
                org.assertj.core.data.Offset.offset(1e-4));
        assertThat(averaged.last().imagesPerSecond()).isPositive();
    }

    /**
     * Two workers, averaging every 2 steps, over 7 batches an epoch (rounds of 4 and 3 batches): DL4J alone would
     * count 2 iterations a round, so a cosine schedule sized to the run's batches would end halfway, at half its rate.
     * The engine counts the batches trained, so the schedule ends where one machine's does.
     */
    @Test
    void twoWorkersFollowTheLearningRateScheduleOfOneMachine(@TempDir Path tmp) throws Exception {
        CifarRecords records = CifarReader.read(StripesCifar.write(tmp, 20), Cifar10.Split.TRAIN);
        LearningRateSchedule cosine = new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 0.05, 0, 2 * 7);
        ComputationGraph plain = net(new Nesterovs(cosine, 0.9));
        ComputationGraph spark = net(new Nesterovs(cosine, 0.9));

        TrainingState single = Trainer.builder(plain, iterator(records)).epochs(2).build().fit();
        TrainingState averaged;
        try (SparkEngine engine = SparkEngine.connect("local[2]", new SparkSettings(2, 2, 0))) {
            averaged = Trainer.builder(spark, iterator(records)).epochs(2).engine(engine).build().fit();
        }

        assertThat(spark.getConfiguration().getIterationCount()).isEqualTo(plain.getConfiguration().getIterationCount())
                .isEqualTo(2 * 7);
        assertThat(averaged.history()).extracting(EpochMetrics::learningRate)
                .containsExactlyElementsOf(single.history().stream().map(EpochMetrics::learningRate).toList());
        assertThat(averaged.last().learningRate()).isZero();
    }

    private static ComputationGraph net(Nesterovs updater) {
        return TinyNets.of("resnet", 10).inputShape(3, 32, 32).updater(updater).weightDecay(5e-4).build().init();
    }

    private static ImageDatasetIterator iterator(CifarRecords records) {
        return ImageDatasetIterator.builder(records, 32, 32).batchSize(16).shuffle(true).seed(3)
                .normalization(Normalization.CIFAR10)
                .transform(Augmentation.STANDARD.transform(32, 32, Normalization.CIFAR10)).build();
    }
}
