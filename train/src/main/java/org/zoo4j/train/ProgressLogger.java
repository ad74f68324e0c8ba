package org.zoo4j.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/** Training progress through SLF4J: a line every {@code every} steps (loss, images/s) and one per epoch. */
public final class ProgressLogger implements TrainerListener {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressLogger.class);

    private final int every;
    private final EpochMeter meter = new EpochMeter();
    private int epoch;
    private int epochs;

    public ProgressLogger(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("log every >= 1 steps, got " + every);
        }
        this.every = every;
    }

    @Override
    public void epochStarted(int epoch, int epochs, int stepsPerEpoch) {
        this.epoch = epoch;
        this.epochs = epochs;
        meter.start();
    }

    @Override
    public void stepFinished(int step, double loss, int images) {
        meter.count(loss, images);
        if (step % every == 0) {
            LOG.info(String.format(Locale.ROOT, "epoch %d/%d, step %d: loss %.4f, %.1f img/s", epoch, epochs,
                    step, loss, meter.imagesPerSecond()));
        }
    }

    @Override
    public void epochFinished(ComputationGraph net, TrainingState state) {
        EpochMetrics m = state.last();
        LOG.info(String.format(Locale.ROOT, "epoch %d/%d: train loss %.4f, val loss %.4f, val accuracy %.4f, "
                + "%.0f img/s", m.epoch(), epochs, m.trainLoss(), m.valLoss(), m.valAccuracy(), m.imagesPerSecond()));
    }
}
