package org.zoo4j.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zoo4j.core.file.ModelCard;
import org.zoo4j.core.file.ModelFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The checkpoint policy (PyTorch Lightning's {@code ModelCheckpoint}): after every epoch, a checkpoint; the newest
 * {@code keepLast} are kept, and the best one by a monitored metric is copied to {@code best.zip} (none while the
 * metric is not measured, e.g. validation metrics without validation data).
 */
public final class ModelCheckpoint implements TrainerListener {

    private final Checkpoints checkpoints;
    private final ModelCard card;
    private final int keepLast;
    private final Monitor monitor;
    private final Monitor.Mode mode;
    private WeightAverage average;
    private Path last;

    /**
     * @param keepLast epoch checkpoints to keep, >= 1
     * @param monitor  the metric that decides {@code best.zip}, in its natural direction
     */
    public ModelCheckpoint(Checkpoints checkpoints, ModelCard card, int keepLast, Monitor monitor) {
        this(checkpoints, card, keepLast, monitor, monitor.mode());
    }

    public ModelCheckpoint(Checkpoints checkpoints, ModelCard card, int keepLast, Monitor monitor, Monitor.Mode mode) {
        if (keepLast < 1) {
            throw new IllegalArgumentException("keep at least 1 checkpoint, got " + keepLast);
        }
        this.checkpoints = Objects.requireNonNull(checkpoints);
        this.card = Objects.requireNonNull(card);
        this.keepLast = keepLast;
        this.monitor = Objects.requireNonNull(monitor);
        this.mode = Objects.requireNonNull(mode);
    }

    @Override
    public void epochFinished(ComputationGraph net, TrainingState state) throws IOException {
        double previousBest = new TrainingState(0, state.history().subList(0, state.history().size() - 1), null,
                null).best(monitor, mode);
        boolean best = Monitor.better(monitor.valueOf(state.last()), previousBest, mode);
        last = save(net, state);
        if (best) {
            checkpoints.markBest(last);
        }
        checkpoints.keepNewest(keepLast);
    }

    /** A checkpoint of exactly where training stopped, to resume from that step. */
    @Override
    public void stopped(ComputationGraph net, TrainingState state) throws IOException {
        last = save(net, state);
    }

    /** Saves the run's weight average beside the network in every checkpoint, where the run keeps one. */
    public ModelCheckpoint averaging(WeightAverage average) {
        this.average = average;
        return this;
    }

    private Path save(ComputationGraph net, TrainingState state) throws IOException {
        return checkpoints.save(new ModelFile(net, card), state, average == null ? null : average.average());
    }

    /** The checkpoint written last in this process, if any. */
    public Optional<Path> last() {
        return Optional.ofNullable(last);
    }
}
