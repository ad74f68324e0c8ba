package org.zoo4j.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.zoo4j.data.Cifar10;
import org.zoo4j.data.CifarIterator;
import org.zoo4j.zoo.ModelRegistry;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Trains a zoo model on CIFAR-10 with DL4J's own fit loop, one epoch at a time: validate, record metrics and
 * curves, checkpoint (keeping the last {@value #KEEP} and the best). A run continues from its newest valid checkpoint
 * with {@link #resume}: same data order, augmentation, learning-rate position and updater state as if it had never
 * stopped.
 */
public final class Trainer {

    static final int KEEP = 3;

    private final Path out;
    private final PrintWriter log;
    private final boolean terminal;
    private final Checkpoints checkpoints;

    public Trainer(Path out, PrintWriter log, boolean terminal) {
        this.out = out;
        this.log = log;
        this.terminal = terminal;
        this.checkpoints = new Checkpoints(out, KEEP);
    }

    /** A new run with these options. */
    public TrainingState train(TrainingOptions options) throws IOException {
        prepareOutput();
        if (!checkpoints.epochFiles().isEmpty()) {
            throw new IllegalArgumentException(out + " already holds checkpoints of a run: continue it with --resume, "
                    + "or choose another --out");
        }
        RunData data = RunData.load(options, log);
        CifarIterator trainIt = data.trainIterator(options);
        ComputationGraph net = ModelRegistry.builder(options.model()).numClasses(Cifar10.CLASSES)
                .inputShape(Cifar10.CHANNELS, Cifar10.SIZE, Cifar10.SIZE).seed(options.seed())
                .updater(updater(options, trainIt.batchesPerEpoch())).weightDecay(options.weightDecay())
                .dataFormat(options.format()).build().init();
        return loop(net, new TrainingState(options, 0, List.of(), data.train().classNames()), data, trainIt);
    }

    /**
     * Continues the run in the output directory from its newest checkpoint that loads.
     *
     * @param epochs the total number of epochs when given; it must match the run's (the schedule depends on it)
     */
    public TrainingState resume(Optional<Integer> epochs) throws IOException {
        prepareOutput();
        Checkpoints.Loaded loaded = checkpoints.newestValid(log).orElseThrow(() -> new IllegalArgumentException(
                "nothing to resume in " + out + ": no loadable checkpoint in " + checkpoints.dir()));
        TrainingOptions options = loaded.state().options();
        if (epochs.isPresent() && epochs.get() != options.epochs()) {
            throw new IllegalArgumentException("the run in " + out + " was set up for " + options.epochs()
                    + " epochs (its learning-rate schedule depends on it); resume without --epochs");
        }
        log.println("zoo4j: resuming " + options.model() + " from " + loaded.file() + " (" + loaded.state().epochsDone()
                + " of " + options.epochs() + " epochs done)");
        RunData data = RunData.load(options, log);
        return loop(loaded.net(), loaded.state(), data, data.trainIterator(options));
    }

    private TrainingState loop(ComputationGraph net, TrainingState state, RunData data, CifarIterator trainIt)
            throws IOException {
        TrainingOptions o = state.options();
        int classes = (int) net.getOutputLayer(0).getParam("b").length();
        if (classes != Cifar10.CLASSES) {
            throw new IllegalArgumentException(o.model() + " predicts " + classes + " classes but CIFAR-10 has "
                    + Cifar10.CLASSES);
        }
        LearningRateSchedule schedule = schedule(o, trainIt.batchesPerEpoch());
        ProgressListener progress = new ProgressListener(log, terminal, o.batch());
        net.setListeners(progress);
        Path last = null;
        for (int epoch = state.epochsDone(); epoch < o.epochs(); epoch++) {
            Nd4j.getRandom().setSeed(o.seed() + epoch); // dropout masks replay on resume
            trainIt.setEpoch(epoch);
            progress.startEpoch(epoch + 1, o.epochs(), trainIt.batchesPerEpoch());
            try {
                net.fit(trainIt);
            } catch (TrainingDivergedException e) {
                throw new TrainingDivergedException(e.getMessage() + "; the last good checkpoint is "
                        + (last != null ? last : checkpoints.epochFiles().stream().findFirst()
                        .map(Path::toString).orElse("none (it diverged in the first epoch)")));
            }
            double trainLoss = progress.endEpoch();
            double seconds = progress.seconds();
            Evaluator.Result val = Evaluator.evaluate(net, data.validationIterator(o), state.classNames());
            double lr = schedule.valueAt(net.getConfiguration().getIterationCount() - 1, epoch);
            EpochMetrics metrics = new EpochMetrics(epoch + 1, trainLoss, val.loss(), val.accuracy(), lr, seconds,
                    data.train().size() / seconds);
            boolean best = metrics.valAccuracy() > state.bestAccuracy();
            state = state.next(metrics);
            last = checkpoints.save(net, state);
            if (best) {
                checkpoints.markBest(last);
            }
            RunReport.write(out, state.history());
            log.printf(Locale.ROOT, "epoch %d/%d: train loss %.4f, %s loss %.4f, %s accuracy %.4f%s, %.0f img/s, "
                            + "%.1f s -> %s%n", epoch + 1, o.epochs(), trainLoss, data.validationName(), val.loss(),
                    data.validationName(), val.accuracy(), best ? " (best)" : "", metrics.imagesPerSecond(), seconds,
                    out.relativize(last));
            log.flush();
        }
        return state;
    }

    private void prepareOutput() throws IOException {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new AccessDeniedException(out.toString(), null, "cannot create the output directory (--out): "
                    + e.getMessage());
        }
        if (!Files.isWritable(out)) {
            throw new AccessDeniedException(out.toString(), null, "the output directory (--out) is not writable");
        }
    }

    static LearningRateSchedule schedule(TrainingOptions o, int batchesPerEpoch) {
        return new LearningRateSchedule(o.schedule(), o.lr(), o.warmupEpochs() * batchesPerEpoch,
                o.epochs() * batchesPerEpoch);
    }

    static IUpdater updater(TrainingOptions o, int batchesPerEpoch) {
        LearningRateSchedule schedule = schedule(o, batchesPerEpoch);
        return switch (o.optimizer()) {
            case ADAM -> new Adam(schedule);
            case SGD -> o.nesterov() ? new Nesterovs(schedule, o.momentum()) : new Sgd(schedule);
        };
    }
}
