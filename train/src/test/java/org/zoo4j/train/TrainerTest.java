package org.zoo4j.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.zoo4j.core.Normalization;
import org.zoo4j.zoo.ConvStyle;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.core.file.ModelCard;
import org.zoo4j.core.file.ModelFile;
import org.zoo4j.zoo.resnet.ResBlock;
import org.zoo4j.zoo.resnet.ResNet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The library trainer on a small zoo model and an in-memory 3-class task: no CIFAR, no files but checkpoints. */
class TrainerTest {

    @TempDir
    Path tmp;
    private Zoo4jModel model;
    private ModelCard card;

    @BeforeEach
    void tinyResNet() {
        model = ResNet.of("tiny_resnet", new ResNet.Architecture(ResNet.Stem.CIFAR, List.of(4, 8), List.of(1, 1),
                        ResBlock.Shortcut.OPTION_A, ConvStyle.PYTORCH), false)
                .numClasses(3).inputShape(3, 8, 8).updater(new Adam(1e-2)).seed(3).build();
        card = model.card(Normalization.NONE, InMemoryData.LABELS, "test");
    }

    private Trainer.Builder trainer(ComputationGraph net, int epochs) {
        return Trainer.builder(net, InMemoryData.iterator(48, 16, 1)).validation(InMemoryData.iterator(24, 24, 2))
                .labels(InMemoryData.LABELS).epochs(epochs).seed(5);
    }

    @Test
    void learnsCallsItsListenersPerEpochAndResumesToTheSameWeights() throws Exception {
        List<Integer> started = new ArrayList<>();
        List<Integer> finished = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        TrainerListener recorder = new TrainerListener() {
            @Override
            public void epochStarted(int epoch, int epochs, int stepsPerEpoch) {
                started.add(epoch);
            }

            @Override
            public void stepFinished(int step, double loss, int images) {
                assertThat(loss).isFinite();
                steps.add(step + "x" + images);
            }

            @Override
            public void epochFinished(ComputationGraph net, TrainingState state) {
                finished.add(state.last().epoch());
            }
        };
        Checkpoints checkpoints = new Checkpoints(tmp.resolve("full"));
        TrainingState full = trainer(model.init(), 4).listener(recorder)
                .listener(new ModelCheckpoint(checkpoints, card, 4, Monitor.VAL_LOSS)).build().fit();

        assertThat(started).containsExactly(1, 2, 3, 4);
        assertThat(finished).containsExactly(1, 2, 3, 4);
        assertThat(steps).hasSize(12).startsWith("1x16", "2x16", "3x16", "1x16"); // 48 examples, batch 16
        assertThat(full.last().valAccuracy()).isGreaterThan(0.9); // chance is 1/3
        assertThat(full.last().trainLoss()).isLessThan(full.history().get(0).trainLoss());
        assertThat(full.last().learningRate()).isEqualTo(1e-2);

        Checkpoint second = Checkpoints.load(checkpoints.dir().resolve("epoch-0002.zip"));
        TrainingState resumed = trainer(second.model().net(), 4).startFrom(second.state()).build().fit();
        assertThat(resumed.epochsDone()).isEqualTo(4);
        float[] expected = ModelFile.load(checkpoints.dir().resolve("epoch-0004.zip")).net().params().toFloatVector();
        assertThat(Arrays.equals(second.model().net().params().toFloatVector(), expected)).isTrue();
    }

    @Test
    void checkpointPolicyKeepsTheNewestNAndPicksTheBestByItsMonitor() throws Exception {
        Checkpoints checkpoints = new Checkpoints(tmp.resolve("ckpt"));
        // the training loss falls every epoch on this task, so its best is the last epoch; the learning rate's
        // position does not: the policy must pick the minimum of the monitored metric over all epochs
        TrainingState state = trainer(model.init(), 4)
                .listener(new ModelCheckpoint(checkpoints, card, 2, Monitor.VAL_LOSS)).build().fit();

        assertThat(checkpoints.epochFiles()).extracting(p -> p.getFileName().toString())
                .containsExactly("epoch-0004.zip", "epoch-0003.zip");
        int bestEpoch = state.history().stream().min((a, b) -> Double.compare(a.valLoss(), b.valLoss())).orElseThrow()
                .epoch();
        Checkpoint best = Checkpoints.load(checkpoints.best());
        assertThat(best.state().epochsDone()).isEqualTo(bestEpoch);
        assertThat(best.model().card()).isEqualTo(card);

        Checkpoints byAccuracy = new Checkpoints(tmp.resolve("acc"));
        TrainingState again = trainer(model.init(), 3)
                .listener(new ModelCheckpoint(byAccuracy, card, 1, Monitor.TRAIN_LOSS, Monitor.Mode.MAX)).build().fit();
        int worstTrainLoss = again.history().stream().max((a, b) -> Double.compare(a.trainLoss(), b.trainLoss()))
                .orElseThrow().epoch();
        assertThat(Checkpoints.load(byAccuracy.best()).state().epochsDone()).isEqualTo(worstTrainLoss);
    }

    /** Listeners a caller set on the network hear every step and are the network's again afterwards. */
    @Test
    void theNetworksOwnListenersStay() throws Exception {
        ComputationGraph net = model.init();
        List<Integer> iterations = new ArrayList<>();
        TrainingListener counting = new BaseTrainingListener() {
            @Override
            public void iterationDone(Model m, int iteration, int epoch) {
                iterations.add(iteration);
            }
        };
        net.setListeners(counting);
        trainer(net, 2).build().fit();
        assertThat(iterations).hasSize(2 * 3); // 48 images in batches of 16, two epochs
        assertThat(net.getListeners()).containsExactly(counting);
    }

    @Test
    void withoutValidationNoValidationBestIsChosen() throws Exception {
        Checkpoints checkpoints = new Checkpoints(tmp.resolve("noval"));
        TrainingState state = Trainer.builder(model.init(), InMemoryData.iterator(24, 12, 1)).epochs(1)
                .listener(new ModelCheckpoint(checkpoints, card, 1, Monitor.VAL_ACCURACY)).build().fit();
        assertThat(state.last().valAccuracy()).isNaN();
        assertThat(checkpoints.dir().resolve("epoch-0001.zip")).exists();
        assertThat(checkpoints.best()).doesNotExist();
    }

    @Test
    void divergenceStopsAtTheFirstNonFiniteLoss() {
        ComputationGraph net = ResNet.of("tiny_resnet", new ResNet.Architecture(ResNet.Stem.CIFAR, List.of(4, 8),
                        List.of(1, 1), ResBlock.Shortcut.OPTION_A, ConvStyle.PYTORCH), false)
                .numClasses(3).inputShape(3, 8, 8).updater(new org.nd4j.linalg.learning.config.Sgd(1e9)).build().init();
        assertThatThrownBy(() -> trainer(net, 3).build().fit()).isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("epoch 1 at step")
                .satisfies(e -> assertThat(((TrainingDivergedException) e).epoch()).isEqualTo(1));
    }

    /**
     * An engine whose steps run elsewhere (here: counted only) cannot be stopped mid-epoch: a request is honoured
     * after the epoch, and its metrics are the engine's counts.
     */
    @Test
    void anotherEngineTrainsTheEpochsAndAStopEndsTheRunAfterAnEpoch() throws Exception {
        boolean[] stop = {false};
        TrainingState state = trainer(model.init(), 3).engine((net, train, epoch, meter) -> meter.count(3, 1.5, 48))
                .listener(new TrainerListener() {
                    @Override
                    public void epochFinished(ComputationGraph net, TrainingState s) {
                        stop[0] = s.epochsDone() == 2;
                    }
                }).stopWhen(() -> stop[0]).build().fit();
        assertThat(state.epochsDone()).isEqualTo(2);
        assertThat(state.stopped()).isFalse();
        assertThat(state.last().trainLoss()).isEqualTo(0.5);
        assertThat(state.last().imagesPerSecond()).isPositive();
    }

    @Test
    void labelsMustMatchTheClassifier() {
        assertThatThrownBy(() -> Trainer.builder(model.init(), InMemoryData.iterator(6, 6, 1))
                .labels(List.of("a", "b")).build()).hasMessageContaining("2 labels given, but the network predicts 3");
    }

    /** A DL4J project depending on zoo4j-train gets no CLI, plotting or progress-bar library. */
    @Test
    void theLibraryBringsNoCliLibraries() {
        for (String cliClass : List.of("picocli.CommandLine", "org.knowm.xchart.XYChart",
                "me.tongfei.progressbar.ProgressBar")) {
            assertThatThrownBy(() -> Class.forName(cliClass, false, getClass().getClassLoader()))
                    .as(cliClass).isInstanceOf(ClassNotFoundException.class);
        }
        assertThat(Nd4j.getBackend()).isNotNull();
    }
}
