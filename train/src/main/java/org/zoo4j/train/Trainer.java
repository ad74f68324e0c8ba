package org.zoo4j.train;

import org.zoo4j.core.InvalidSettingException;
import org.zoo4j.core.inference.Evaluator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.data.EpochIterator;
import org.zoo4j.layers.conv.ComputePrecision;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Trains any {@link ComputationGraph} on any {@link DataSetIterator}, one epoch at a time with DL4J's own
 * {@code fit}: after each epoch it evaluates on the validation data (when given) and hands the metrics to its
 * {@link TrainerListener}s, which decide what to keep (checkpoints, metrics files, charts). A non-finite loss stops
 * training with a {@link TrainingDivergedException}.
 *
 * <p>Runs are reproducible and resumable: before epoch {@code e} the ND4J random generator is seeded with
 * {@code seed + e} (dropout), and an {@link EpochIterator} is positioned at {@code e} (data order, augmentation).
 * Started from a checkpoint's network and {@link TrainingState}, a run ends with the weights an uninterrupted run has.
 *
 * <pre>{@code
 * TrainingState done = Trainer.builder(net, trainIterator).validation(valIterator).labels(names).epochs(30)
 *         .listener(new ModelCheckpoint(checkpoints, card, 3, Monitor.VAL_ACCURACY))
 *         .build().fit();
 * }</pre>
 */
public final class Trainer {

    private final ComputationGraph net;
    private final DataSetIterator train;
    private final DataSetIterator validation;
    private final List<String> labels;
    private final int epochs;
    private final long seed;
    private final TrainingState start;
    private final List<TrainerListener> listeners;
    private final List<TrainingListener> stepListeners;
    private final java.util.function.BooleanSupplier stop;
    private final EpochEngine engine;
    private final WeightAverage average;

    private Trainer(Builder b) {
        this.net = b.net;
        this.train = b.train;
        this.validation = b.validation;
        int classes = (int) net.getOutputLayer(0).getParam("b").length();
        this.labels = b.labels != null ? b.labels : IntStream.range(0, classes).mapToObj(String::valueOf).toList();
        if (labels.size() != classes) {
            throw new IllegalArgumentException(labels.size() + " labels given, but the network predicts " + classes
                    + " classes");
        }
        this.epochs = b.epochs;
        this.seed = b.seed;
        this.start = b.start;
        this.listeners = List.copyOf(b.listeners);
        this.stepListeners = List.copyOf(b.stepListeners);
        this.stop = b.stop;
        this.engine = b.engine;
        this.average = b.average;
        if (average != null && engine != EpochEngine.LOCAL) {
            throw new IllegalArgumentException("a weight average follows the steps of this machine, and this engine "
                    + "steps elsewhere");
        }
        if (start.epochsDone() > epochs) {
            throw new IllegalArgumentException("the run already trained " + start.epochsDone() + " epochs, more than "
                    + epochs);
        }
    }

    /** A trainer of {@code net} (its updater decides how it learns) on {@code train}. */
    public static Builder builder(ComputationGraph net, DataSetIterator train) {
        return new Builder(net, train);
    }

    /**
     * Trains the remaining epochs and returns the final state.
     *
     * @throws TrainingDivergedException when the loss stops being a number
     * @throws IOException               when a listener cannot write
     */
    public TrainingState fit() throws IOException {
        List<TrainingListener> own = new ArrayList<>(net.getListeners() == null ? List.of() : net.getListeners());
        try {
            return fit(own);
        } finally {
            net.setListeners(own); // the network's own listeners, as the caller set them
        }
    }

    /** Trains with the network's {@code own} listeners, then the trainer's, then its own step listeners. */
    private TrainingState fit(List<TrainingListener> own) throws IOException {
        DivergenceGuard guard = new DivergenceGuard(stop, listeners);
        List<TrainingListener> all = new ArrayList<>(own);
        all.addAll(stepListeners);
        if (average != null) {
            all.add(average); // before the guard, whose stop leaves from inside it: the stopped step is averaged too
        }
        all.add(guard);
        net.setListeners(all);
        List<TrainerListener> epochListeners = new ArrayList<>();
        epochListeners.add(guard);
        epochListeners.addAll(listeners);
        int stepsPerEpoch = train instanceof EpochIterator e ? e.batchesPerEpoch() : -1;
        TrainingState state = start;
        for (int epoch = state.epochsDone(); epoch < epochs; epoch++) {
            PartialEpoch resumed = epoch == start.epochsDone() ? start.partial() : null;
            Nd4j.getRandom().setSeed(seed + epoch); // dropout masks replay on resume (from the start of an epoch)
            position(epoch, resumed);
            for (TrainerListener l : epochListeners) {
                l.epochStarted(epoch + 1, epochs, stepsPerEpoch);
            }
            if (resumed != null) {
                guard.meter().resume(resumed);
            }
            try {
                engine.fitEpoch(net, train, epoch, guard.meter());
            } catch (DivergenceGuard.StopRequested e) {
                // DL4J counts a step after its listeners ran, and the stop left from inside them: count it here, so
                // that the learning-rate schedule resumes at the next step
                net.getConfiguration().setIterationCount(net.getConfiguration().getIterationCount() + 1);
                TrainingState stopped = state.stoppedIn(guard.meter().partial());
                for (TrainerListener l : listeners) {
                    l.stopped(net, stopped);
                }
                return stopped;
            }
            guard.checkParameters(net);
            EpochMeter meter = guard.meter();
            double seconds = meter.seconds();
            double imagesPerSecond = meter.imagesPerSecond();
            Evaluator.Result val = validation == null ? null : average == null
                    ? Evaluator.evaluate(net, validation, labels)
                    : average.withAverage(net, () -> Evaluator.evaluate(net, validation, labels));
            if (val != null) {
                for (TrainerListener l : listeners) {
                    l.validated(epoch + 1, val);
                }
            }
            state = state.next(new EpochMetrics(epoch + 1, meter.meanLoss(), val == null ? Double.NaN : val.loss(),
                    val == null ? Double.NaN : val.accuracy(), learningRate(), seconds, imagesPerSecond));
            for (TrainerListener l : listeners) {
                l.epochFinished(net, state);
            }
            if (engine != EpochEngine.LOCAL && stop.getAsBoolean()) { // its steps ran elsewhere: stop between epochs
                return state;
            }
        }
        return state;
    }

    /** Puts the training data at the start of {@code epoch}, or after the steps a stopped run had done in it. */
    private void position(int epoch, PartialEpoch resumed) {
        int done = resumed == null ? 0 : resumed.steps();
        if (train instanceof EpochIterator e) {
            e.setPosition(epoch, done);
            return;
        }
        if (epoch > start.epochsDone() || done > 0) {
            train.reset();
        }
        for (int i = 0; i < done && train.hasNext(); i++) {
            train.next();
        }
    }

    /** The classifier's learning rate after the last step (DL4J evaluates the updater's schedule). */
    private double learningRate() {
        Double lr = net.getLearningRate(net.getConfiguration().getNetworkOutputs().get(0));
        return lr == null ? Double.NaN : lr;
    }

    /** What a trainer needs: the network and its training data; the rest has defaults. */
    public static final class Builder {
        private final ComputationGraph net;
        private final DataSetIterator train;
        private DataSetIterator validation;
        private List<String> labels;
        private int epochs = 1;
        private long seed = 42;
        private TrainingState start = TrainingState.start(null);
        private final List<TrainerListener> listeners = new ArrayList<>();
        private WeightAverage average;
        private final List<TrainingListener> stepListeners = new ArrayList<>();
        private java.util.function.BooleanSupplier stop = () -> false;
        private EpochEngine engine = EpochEngine.LOCAL;
        /** Null: the network's convolutions keep the precision they have. */
        private ComputePrecision precision;

        private Builder(ComputationGraph net, DataSetIterator train) {
            this.net = Objects.requireNonNull(net, "net");
            this.train = Objects.requireNonNull(train, "train");
        }

        /** Data evaluated after every epoch (validation loss and accuracy); none by default. */
        public Builder validation(DataSetIterator validation) {
            this.validation = validation;
            return this;
        }

        /** Class names in output order; "0".."n-1" by default. */
        public Builder labels(List<String> labels) {
            this.labels = List.copyOf(labels);
            return this;
        }

        /** The total number of epochs of the run (default 1). */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new InvalidSettingException(Hyperparameters.EPOCHS, "must be >= 1, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** Seeds ND4J's generator per epoch (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Where the run stands: a checkpoint's state to resume (default: a new run). */
        public Builder startFrom(TrainingState state) {
            this.start = Objects.requireNonNull(state, "state");
            return this;
        }

        /** Validates on, and leaves in checkpoints, an exponential moving average of the weights (default: none). */
        public Builder weightAverage(WeightAverage average) {
            this.average = average;
            return this;
        }

        public Builder listener(TrainerListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** A DL4J listener for every step (score, progress); the trainer adds its divergence guard itself. */
        public Builder stepListener(TrainingListener listener) {
            stepListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Asked after every step: when it answers true, training stops there, the listeners' {@code stopped} is called
         * (a {@link ModelCheckpoint} writes a checkpoint of exactly that step) and {@link #fit()} returns a state whose
         * {@link TrainingState#stopped()} is true. Resuming from it gives the weights of an uninterrupted run (for
         * networks without dropout; with dropout, masks restart from the epoch's seed). With an engine whose steps run
         * elsewhere (Spark) it is asked after every epoch instead: {@link #fit()} then returns after that epoch.
         */
        public Builder stopWhen(java.util.function.BooleanSupplier stopRequested) {
            this.stop = java.util.Objects.requireNonNull(stopRequested, "stopRequested");
            return this;
        }

        /** Where each epoch's steps run (default {@link EpochEngine#LOCAL}: DL4J's fit loop in this JVM). */
        public Builder engine(EpochEngine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * What the network's convolutions compute in (see {@link ComputePrecision}; by default whatever they were set
         * to, float32 unless changed). Applied to the network when the trainer is built; bfloat16 runs with the local
         * engine only.
         */
        public Builder precision(ComputePrecision precision) {
            this.precision = Objects.requireNonNull(precision, "precision");
            return this;
        }

        /**
         * @throws IllegalStateException    when the machine or the network cannot compute in the chosen precision
         * @throws IllegalArgumentException for bfloat16 with an engine whose steps run elsewhere
         */
        public Trainer build() {
            if (precision != null) {
                if (precision != ComputePrecision.FLOAT32 && engine != EpochEngine.LOCAL) {
                    throw new IllegalArgumentException(precision.name().toLowerCase() + " compute runs in this JVM's "
                            + "fit loop only, not on another engine's workers");
                }
                precision.applyTo(net);
            }
            return new Trainer(this);
        }
    }
}
