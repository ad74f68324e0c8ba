package org.zoo4j.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Stops training at the first step whose loss is not a finite number, or after an epoch whose weights are not
 * ({@link TrainingDivergedException} with the epoch and step); measures the epoch for the trainer's metrics, tells
 * the trainer's listeners of each step, and stops where asked.
 */
final class DivergenceGuard extends BaseTrainingListener implements TrainerListener {

    private final EpochMeter meter = new EpochMeter();
    private final java.util.function.BooleanSupplier stop;
    private final java.util.List<TrainerListener> listeners;
    private int epoch;

    /** @param listeners told of every step, with its loss computed here once */
    DivergenceGuard(java.util.function.BooleanSupplier stop, java.util.List<TrainerListener> listeners) {
        this.stop = stop;
        this.listeners = listeners;
    }

    /** Thrown after a step when a stop was requested; the trainer checkpoints where it is. */
    static final class StopRequested extends RuntimeException {
        StopRequested() {
            super("stop requested", null, false, false);
        }
    }

    @Override
    public void epochStarted(int epoch, int epochs, int stepsPerEpoch) {
        this.epoch = epoch;
        meter.start();
    }

    @Override
    public void iterationDone(Model model, int iteration, int dl4jEpoch) {
        double loss = meter.step(model);
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(epoch, meter.steps(), loss);
        }
        for (TrainerListener l : listeners) {
            l.stepFinished((ComputationGraph) model, meter.steps(), loss, model.batchSize());
        }
        if (stop.getAsBoolean()) {
            throw new StopRequested();
        }
    }

    /**
     * The loss of a step is computed before its update, so the last update of an epoch can break the weights
     * unseen: checks them too.
     */
    void checkParameters(ComputationGraph net) {
        INDArray params = net.params();
        if (params.isNaN().any() || params.isInfinite().any()) {
            throw new TrainingDivergedException(epoch, meter.steps(), Double.NaN);
        }
    }

    EpochMeter meter() {
        return meter;
    }
}
