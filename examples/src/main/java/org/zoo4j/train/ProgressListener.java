package org.zoo4j.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows training as it happens and guards it: a progress bar per epoch (images/s, loss, ETA) on a terminal, a plain
 * line every 100 steps otherwise (as the seed notebook logs); the mean loss of the epoch; and a stop with a clear
 * message when the loss stops being a number.
 */
final class ProgressListener extends BaseTrainingListener {

    static final int LOG_EVERY = 100;

    private final PrintWriter log;
    private final boolean terminal;
    private final int batchSize;
    private ProgressBar bar;
    private int epoch;
    private int steps;
    private double lossSum;
    private long start;

    ProgressListener(PrintWriter log, boolean terminal, int batchSize) {
        this.log = log;
        this.terminal = terminal;
        this.batchSize = batchSize;
    }

    /** @param epoch 1-based */
    void startEpoch(int epoch, int epochs, int stepsPerEpoch) {
        this.epoch = epoch;
        this.steps = 0;
        this.lossSum = 0;
        this.start = System.nanoTime();
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(String.format("epoch %d/%d", epoch, epochs))
                    .setInitialMax(stepsPerEpoch).setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1)
                    .setMaxRenderedLength(120).build();
        }
    }

    /** Closes the bar; returns the epoch's mean training loss. */
    double endEpoch() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        return steps == 0 ? Double.NaN : lossSum / steps;
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    int steps() {
        return steps;
    }

    @Override
    public void iterationDone(Model model, int iteration, int dl4jEpoch) {
        double loss = model.score();
        if (model instanceof ComputationGraph graph) {
            loss -= graph.calcRegularizationScore(true); // DL4J's score adds the weight-decay penalty; report the data loss
        }
        if (!Double.isFinite(loss)) {
            endEpoch();
            throw new TrainingDivergedException("loss became " + loss + " in epoch " + epoch + " at step "
                    + (steps + 1) + " (iteration " + iteration + "); stopped. Lower the learning rate (--lr)");
        }
        steps++;
        lossSum += loss;
        double rate = steps * batchSize / seconds();
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f, %.0f img/s", loss, rate));
        } else if (steps % LOG_EVERY == 0) {
            log.printf(Locale.ROOT, "epoch: %d, step: %d, loss: %.4f, %.1f img/s%n", epoch, steps, loss, rate);
            log.flush();
        }
    }
}
