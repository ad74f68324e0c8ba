package org.zoo4j.train.run;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.zoo4j.data.Cifar10;
import org.zoo4j.layers.conv.ComputePrecision;
import org.zoo4j.train.Checkpoint;
import org.zoo4j.train.Checkpoints;
import org.zoo4j.train.EpochEngine;
import org.zoo4j.train.FineTuning;
import org.zoo4j.train.Hyperparameters;
import org.zoo4j.train.MetricsCsv;
import org.zoo4j.train.ModelCheckpoint;
import org.zoo4j.train.Monitor;
import org.zoo4j.train.Trainer;
import org.zoo4j.train.WeightAverage;
import org.zoo4j.train.TrainerListener;
import org.zoo4j.train.TrainingDivergedException;
import org.zoo4j.train.TrainingState;
import org.zoo4j.train.report.RunReport;
import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.core.file.ModelCard;
import org.zoo4j.core.file.ModelFile;
import org.zoo4j.weights.PretrainedWeights;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A training run in a directory: a zoo model trained from scratch, or a model file fine-tuned, on CIFAR-10 or an image
 * folder; the {@link Trainer} with the run's data, a
 * {@link ModelCheckpoint} policy in {@code DIR/checkpoints} (newest 3 kept, best by validation accuracy) and
 * {@code DIR/metrics.csv} and {@code DIR/report.html} ({@link RunReport}). One run at a time per directory (a
 * second is refused, naming the first's process). Runs resume from their newest valid checkpoint with the same data
 * order, augmentation, learning-rate position and updater state.
 */
public final class TrainingRun {

    private final Path runDir;
    private final Checkpoints checkpoints;
    private final List<TrainerListener> listeners = new ArrayList<>();
    private final List<TrainingListener> stepListeners = new ArrayList<>();
    private int keepLast = 3;
    private Monitor monitor = Monitor.VAL_ACCURACY;
    private java.util.function.BooleanSupplier stop = () -> false;
    private String command;
    private EpochEngine engine = EpochEngine.LOCAL;
    private ComputePrecision precision = ComputePrecision.FLOAT32;

    public TrainingRun(Path runDir) {
        this.runDir = runDir;
        this.checkpoints = new Checkpoints(runDir.resolve("checkpoints"));
    }

    public Checkpoints checkpoints() {
        return checkpoints;
    }

    /** Also called around every epoch (progress, charts, reports). */
    public TrainingRun listener(TrainerListener listener) {
        listeners.add(listener);
        return this;
    }

    public TrainingRun stepListener(TrainingListener listener) {
        stepListeners.add(listener);
        return this;
    }

    /** Epoch checkpoints to keep (default 3). */
    public TrainingRun keepLast(int keep) {
        this.keepLast = keep;
        return this;
    }

    /**
     * Asked after every step: when it answers true (a signal handler's flag, say), the run checkpoints exactly where it
     * is ({@code epoch-0002-step-000042.zip}) and returns a state that {@link TrainingState#stopped() stopped}; a resume
     * continues from that step.
     */
    public TrainingRun stopWhen(java.util.function.BooleanSupplier stopRequested) {
        this.stop = stopRequested;
        return this;
    }

    /** How the run was started (a command line), for its report; by default the report says it started from Java. */
    public TrainingRun command(String commandLine) {
        this.command = commandLine;
        return this;
    }

    /** Where the epochs' steps run (default: DL4J's fit loop in this JVM; zoo4j-spark's engine trains on Spark). */
    /** What the network's convolutions compute in (default float32): a way of running, not saved with the run. */
    public TrainingRun precision(ComputePrecision computePrecision) {
        this.precision = Objects.requireNonNull(computePrecision, "precision");
        return this;
    }

    public TrainingRun engine(EpochEngine epochEngine) {
        this.engine = epochEngine;
        return this;
    }

    /** The metric that picks {@code best.zip} (default validation accuracy). */
    public TrainingRun monitor(Monitor metric) {
        this.monitor = metric;
        return this;
    }

    /**
     * A new run: a registry model trained from scratch, or a model file fine-tuned (its input conventions kept,
     * its classifier replaced when the data has another number of classes, frozen up to the settings' point).
     *
     * @throws IllegalArgumentException when the run directory already holds a run's checkpoints
     */
    public TrainingState start(RunSettings settings) throws IOException {
        Path created = outermostMissing(runDir);
        prepareRunDirectory();
        try (RunLock lock = RunLock.acquire(runDir)) {
            if (!checkpoints.epochFiles().isEmpty()) {
                throw new IllegalArgumentException(runDir + " already holds checkpoints of a run: resume it, or train "
                        + "into another directory");
            }
            Path base = Path.of(settings.model());
            if (PretrainedWeights.isTag(settings.model()) && !Files.exists(base)) {
                return fineTune(PretrainedWeights.load(settings.model()), settings);
            }
            return Files.isRegularFile(base) ? fineTune(ModelFile.load(base), settings) : fromScratch(settings);
        } catch (IOException | RuntimeException e) {
            removeIfUnused(created);
            throw e;
        }
    }

    /** The outermost of {@code dir} and its ancestors that does not exist yet, or null when {@code dir} exists. */
    private static Path outermostMissing(Path dir) {
        Path missing = null;
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /**
     * A run that failed before it wrote anything (bad data, a wrong model name) leaves no directory behind: removes
     * {@code created} when it holds nothing but empty directories and the lock file.
     */
    private static void removeIfUnused(Path created) throws IOException {
        if (created == null || !Files.isDirectory(created)) {
            return;
        }
        List<Path> tree;
        try (var walk = Files.walk(created)) {
            tree = walk.sorted(Comparator.reverseOrder()).toList();
        }
        if (tree.stream().allMatch(p -> Files.isDirectory(p) || p.getFileName().toString().equals(RunLock.FILE))) {
            for (Path p : tree) {
                Files.delete(p);
            }
        }
    }

    private TrainingState fromScratch(RunSettings s) throws IOException {
        Hyperparameters h = s.hyperparameters();
        int[] input = s.data() instanceof DataSource.ImageFolderRoot
                ? ModelRegistry.builder(s.model()).build().options().inputShape()
                : new int[]{Cifar10.CHANNELS, Cifar10.SIZE, Cifar10.SIZE};
        RunData data = RunData.load(s, input[1], input[2]);
        Zoo4jModel model = ModelRegistry.builder(s.model()).numClasses(data.labels().size())
                .inputShape(input[0], input[1], input[2]).seed(h.seed())
                .updater(h.updater(data.train().batchesPerEpoch())).weightDecay(h.weightDecay())
                .decayNormAndBias(!h.weightsOnlyDecay()).dataFormat(s.format())
                .build();
        ModelCard card = model.card(s.normalization(), data.labels(), "trained by zoo4j on " + data.source());
        return run(model.init(), card, TrainingState.start(s.toJson()), s, data);
    }

    private TrainingState fineTune(ModelFile base, RunSettings requested) throws IOException {
        ModelCard baseCard = base.card();
        if (!baseCard.hasInputSize()) {
            throw new IllegalArgumentException(requested.model() + " does not record its input size (a DL4J file "
                    + "without a zoo4j model card): save it with its card first");
        }
        RunSettings s = requested.withInput(baseCard.preprocessing(), baseCard.layout());
        RunData data = RunData.load(s, baseCard.height(), baseCard.width());
        Hyperparameters h = s.hyperparameters();
        ComputationGraph net = FineTuning.adapt(base.net(), data.labels().size(), s.freeze(),
                h.updater(data.train().batchesPerEpoch()), h.weightDecay(), !h.weightsOnlyDecay(), h.seed());
        ModelCard card = baseCard.withLabels(data.labels()).withWeights("fine-tuned by zoo4j on " + data.source()
                + " from " + baseCard.architecture() + " (" + baseCard.weights() + ")");
        return run(net, card, TrainingState.start(s.toJson()), s, data);
    }

    /**
     * The checkpoint a resumed run continues from: the newest that loads (damaged ones are logged and skipped).
     *
     * @throws IllegalArgumentException when there is none
     */
    public Checkpoint resumePoint() throws IOException {
        prepareRunDirectory();
        try (RunLock lock = RunLock.acquire(runDir)) { // a live run's files are not touched
            return checkpoints.newestValid().orElseThrow(() -> new IllegalArgumentException("nothing to resume in "
                    + runDir + ": no loadable checkpoint in " + checkpoints.dir()));
        }
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
        RunSettings s = RunSettings.fromJson(from.state().settings());
        int planned = s.hyperparameters().epochs();
        if (epochs.isPresent() && epochs.getAsInt() != planned) {
            throw new IllegalArgumentException("the run in " + runDir + " was set up for " + planned + " epochs (its "
                    + "learning-rate schedule depends on it); resume it with the same number of epochs");
        }
        ModelCard card = from.model().card();
        try (RunLock lock = RunLock.acquire(runDir)) {
            ComputationGraph net = from.model().net();
            double decay = s.hyperparameters().averageDecay();
            return run(net, card, from.state(), s, RunData.load(s, card.height(), card.width()),
                    decay > 0 ? WeightAverage.resume(net, decay, from.averaged()) : null);
        }
    }

    private TrainingState run(ComputationGraph net, ModelCard card, TrainingState state, RunSettings s, RunData data)
            throws IOException {
        double decay = s.hyperparameters().averageDecay();
        return run(net, card, state, s, data, decay > 0 ? WeightAverage.start(net, decay) : null);
    }

    private TrainingState run(ComputationGraph net, ModelCard card, TrainingState state, RunSettings s, RunData data,
                              WeightAverage average) throws IOException {
        ModelCheckpoint policy = new ModelCheckpoint(checkpoints, card, keepLast, monitor).averaging(average);
        Trainer.Builder trainer = Trainer.builder(net, data.train()).validation(data.validation())
                .labels(card.labels()).epochs(s.hyperparameters().epochs()).seed(s.hyperparameters().seed())
                .startFrom(state).listener(policy).listener(new MetricsCsv(runDir.resolve("metrics.csv")))
                .listener(new RunReport(runDir, card, net.numParams(), s.toJson(), command, data.validationName()))
                .stopWhen(stop).engine(engine).precision(precision).weightAverage(average);
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
