package org.zoo4j.train;

import org.zoo4j.core.inference.Evaluator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.layers.testing.Bits;
import org.zoo4j.train.run.RunData;
import org.zoo4j.train.run.RunSettings;
import org.zoo4j.train.run.TinyCifar;
import org.zoo4j.train.run.TrainingRun;
import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.core.file.ModelFile;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WeightAverageTest {

    @TempDir
    Path tmp;

    @Test
    void averagesTheParametersStepByStepWithAWarmUp() {
        ComputationGraph net = ModelRegistry.builder("resnet20").build().init();
        INDArray start = net.params().dup();
        WeightAverage average = WeightAverage.start(net, 0.99);
        net.setParams(start.add(1.0));
        average.iterationDone(net, 0, 0); // d = min(0.99, 1/10) = 0.1: 0.1 * start + 0.9 * (start + 1)
        assertThat(meanShift(average.average(), start)).isCloseTo(0.9, within(1e-5));
        net.setParams(start.add(2.0));
        average.iterationDone(net, 1, 0); // d = 2/11
        double expected = 2.0 / 11 * 0.9 + 9.0 / 11 * 2.0;
        assertThat(meanShift(average.average(), start)).isCloseTo(expected, within(1e-5));

        INDArray own = net.params().dup();
        double seen = average.withAverage(net, () -> meanShift(net.params(), start));
        assertThat(seen).isCloseTo(expected, within(1e-5));
        Bits.assertSame(net.params(), own, "the network's own parameters after withAverage");
    }

    /**
     * A run with a weight average validates on the average and leaves it in its checkpoints (inference reads it);
     * stopped mid-epoch and resumed, it ends with the uninterrupted run's trained and averaged weights, bit for bit.
     */
    @Test
    void aRunValidatesOnTheAverageAndResumesItExactly() throws Exception {
        Path data = TinyCifar.write(tmp, 16); // 64 training records, batch 16: 4 steps per epoch
        RunSettings settings = averaged(TinyCifar.settings(data, 3, 0.05), 0.9);
        TrainingState full = new TrainingRun(tmp.resolve("full")).start(settings);
        Path last = tmp.resolve("full/checkpoints/epoch-0003.zip");
        INDArray averaged = ModelFile.averagedWeights(last);
        assertThat(averaged).isNotNull();
        ModelFile forInference = ModelFile.load(last);
        Bits.assertSame(forInference.net().params(), averaged, "inference reads the average");
        assertThat(ModelFile.load(last, true).net().params().equalsWithEps(averaged, 1e-6)).as("trained != average")
                .isFalse();
        RunData validation = RunData.load(settings, 32, 32);
        double accuracy = Evaluator.evaluate(forInference.net(), validation.validation(), forInference.card().labels())
                .accuracy();
        assertThat(full.last().valAccuracy()).as("validated on the average").isEqualTo(accuracy);

        Path out = tmp.resolve("stopped");
        AtomicInteger steps = new AtomicInteger();
        TrainingState stopped = new TrainingRun(out).stopWhen(() -> steps.incrementAndGet() >= 6).start(settings);
        assertThat(stopped.stopped()).isTrue();
        TrainingRun again = new TrainingRun(out);
        again.resume(again.resumePoint(), OptionalInt.empty());
        Path resumed = out.resolve("checkpoints/epoch-0003.zip");
        Bits.assertSame(ModelFile.load(resumed, true).net().params(), ModelFile.load(last, true).net().params(),
                "trained parameters");
        Bits.assertSame(ModelFile.averagedWeights(resumed), averaged, "averaged parameters");
    }

    /** The mean of {@code a - b}, summed in double (a float sum over 270,000 values drifts by 1e-3). */
    private static double meanShift(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).meanNumber().doubleValue();
    }

    private static RunSettings averaged(RunSettings s, double decay) {
        Hyperparameters h = s.hyperparameters();
        return new RunSettings(s.model(), s.data(), s.limit(), s.validation(), s.augmentation(), s.normalization(),
                s.format(), new Hyperparameters(h.epochs(), h.batchSize(), h.optimizer(), h.learningRate(),
                h.momentum(), h.nesterov(), h.weightDecay(), h.schedule(), h.warmupEpochs(), h.seed(),
                h.labelSmoothing(), decay, false), s.freeze(), s.skipBad());
    }
}
