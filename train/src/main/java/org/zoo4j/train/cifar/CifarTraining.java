package org.zoo4j.train.cifar;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.zoo4j.data.Cifar10;
import org.zoo4j.data.CifarIterator;
import org.zoo4j.train.Checkpoint;
import org.zoo4j.train.Checkpoints;
import org.zoo4j.train.Hyperparameters;
import org.zoo4j.train.MetricsCsv;
import org.zoo4j.train.ModelCheckpoint;
import org.zoo4j.train.Monitor;
import org.zoo4j.train.Trainer;
import org.zoo4j.train.TrainerListener;
import org.zoo4j.train.TrainingDivergedException;
import org.zoo4j.train.TrainingState;
import org.zoo4j.zoo.ModelRegistry;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.zoo.file.ModelCard;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A zoo model trained on CIFAR-10 in a run directory: the {@link Trainer} with the run's data, a
 * {@link ModelCheckpoint} policy in {@code DIR/checkpoints} (newest 3 kept, best by validation accuracy) and
 * {@code DIR/metrics.csv}. Runs resume from their newest valid checkpoint with the same data order, augmentation,
 * learning-rate position and updater state.
 */
public final class CifarTraining {

    private final Path runDir;
    private final Checkpoints checkpoints;
    private final List<TrainerListener> listeners = new ArrayList<>();
    private final List<TrainingListener> stepListeners = new ArrayList<>();
    private int keepLast = 3;
    private Monitor monitor = Monitor.VAL_ACCURACY;

    public CifarTraining(Path runDir) {
        this.runDir = runDir;
        this.checkpoints = new Checkpoints(runDir.resolve("checkpoints"));
    }

    public Checkpoints checkpoints() {
        return checkpoints;
    }

    /** Also called around every epoch (progress, charts, reports). */
    public CifarTraining listener(TrainerListener listener) {
        listeners.add(listener);
        return this;
    }

    public CifarTraining stepListener(TrainingListener listener) {
        stepListeners.add(listener);
        return this;
    }

    /** Epoch checkpoints to keep (default 3). */
    public CifarTraining keepLast(int keep) {
        this.keepLast = keep;
        return this;
    }

    /** The metric that picks {@code best.zip} (default validation accuracy). */
    public CifarTraining monitor(Monitor metric) {
        this.monitor = metric;
        return this;
    }

    /**
     * A new run.
     *
     * @throws IllegalArgumentException when the run directory already holds a run's checkpoints
     */
    public TrainingState start(CifarRunSettings s) throws IOException {
        prepareRunDirectory();
        if (!checkpoints.epochFiles().isEmpty()) {
            throw new IllegalArgumentException(runDir + " already holds checkpoints of a run: resume it, or train into "
                    + "another directory");
        }
        CifarData data = CifarData.load(s);
        CifarIterator trainIt = data.trainIterator(s);
        Hyperparameters h = s.hyperparameters();
        Zoo4jModel model = ModelRegistry.builder(s.model()).numClasses(Cifar10.CLASSES)
                .inputShape(Cifar10.CHANNELS, Cifar10.SIZE, Cifar10.SIZE).seed(h.seed())
                .updater(h.updater(trainIt.batchesPerEpoch())).weightDecay(h.weightDecay()).dataFormat(s.format())
                .build();
        ModelCard card = ModelCard.of(model, s.normalization(), data.train().classNames(),
                "trained by zoo4j on CIFAR-10 (" + data.train().source() + ")");
        return run(model.init(), card, TrainingState.start(s.toJson()), s, data, trainIt);
    }

    /**
     * The checkpoint a resumed run continues from: the newest that loads (damaged ones are logged and skipped).
     *
     * @throws IllegalArgumentException when there is none
     */
    public Checkpoint resumePoint() throws IOException {
        prepareRunDirectory();
        return checkpoints.newestValid().orElseThrow(() -> new IllegalArgumentException("nothing to resume in "
                + runDir + ": no loadable checkpoint in " + checkpoints.dir()));
    }

    /**
     * Continues a run from {@code from}.
     *
     * @param epochs the total number of epochs when given; it must match the run's (the schedule depends on it)
     */
    public TrainingState resume(Checkpoint from, OptionalInt epochs) throws IOException {
        if (from.state().settings() == null) {
            throw new IllegalArgumentException(from.file() + " holds no CIFAR-10 run settings to resume with");
        }
        CifarRunSettings s = CifarRunSettings.fromJson(from.state().settings());
        int planned = s.hyperparameters().epochs();
        if (epochs.isPresent() && epochs.getAsInt() != planned) {
            throw new IllegalArgumentException("the run in " + runDir + " was set up for " + planned + " epochs (its "
                    + "learning-rate schedule depends on it); resume it with the same number of epochs");
        }
        CifarData data = CifarData.load(s);
        return run(from.model().net(), from.model().card(), from.state(), s, data, data.trainIterator(s));
    }

    private TrainingState run(ComputationGraph net, ModelCard card, TrainingState state, CifarRunSettings s,
                              CifarData data, CifarIterator trainIt) throws IOException {
        ModelCheckpoint policy = new ModelCheckpoint(checkpoints, card, keepLast, monitor);
        Trainer.Builder trainer = Trainer.builder(net, trainIt).validation(data.validationIterator(s))
                .labels(card.labels()).epochs(s.hyperparameters().epochs()).seed(s.hyperparameters().seed())
                .startFrom(state).listener(policy).listener(new MetricsCsv(runDir.resolve("metrics.csv")));
        listeners.forEach(trainer::listener);
        stepListeners.forEach(trainer::stepListener);
        try {
            return trainer.build().fit();
        } catch (TrainingDivergedException e) {
            String last = policy.last().map(Path::toString).orElse(checkpoints.epochFiles().stream().findFirst()
                    .map(Path::toString).orElse("none (it diverged in the first epoch)"));
            throw new TrainingDivergedException(e.getMessage() + "; the last good checkpoint is " + last, e);
        }
    }

    private void prepareRunDirectory() throws IOException {
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new AccessDeniedException(runDir.toString(), null, "cannot create the run directory: "
                    + e.getMessage());
        }
        if (!Files.isWritable(runDir)) {
            throw new AccessDeniedException(runDir.toString(), null, "the run directory is not writable");
        }
    }
}
