package org.zoo4j.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zoo4j.train.EpochMeter;
import org.zoo4j.train.EpochMetrics;
import org.zoo4j.train.TrainerListener;
import org.zoo4j.train.TrainingState;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Training as the terminal shows it: a progress bar per epoch (loss, images/s, ETA) on a terminal, a plain line every
 * {@value #LOG_EVERY} steps otherwise (as the seed notebook logs), and a line per finished epoch.
 */
final class ConsoleProgress implements TrainerListener {

    static final int LOG_EVERY = 100;

    private final PrintWriter log;
    private final boolean terminal;
    private final String validationName;
    private final EpochMeter meter = new EpochMeter();
    private ProgressBar bar;
    private int epoch;
    private int epochs;

    ConsoleProgress(PrintWriter log, boolean terminal, String validationName) {
        this.log = log;
        this.terminal = terminal;
        this.validationName = validationName;
    }

    @Override
    public void epochStarted(int epoch, int epochs, int stepsPerEpoch) {
        this.epoch = epoch;
        this.epochs = epochs;
        meter.start();
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(String.format("epoch %d/%d", epoch, epochs))
                    .setInitialMax(stepsPerEpoch).setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1)
                    .setMaxRenderedLength(120).build();
        }
    }

    @Override
    public void stepFinished(int step, double loss, int images) {
        meter.count(loss, images);
        double rate = meter.imagesPerSecond();
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f, %.0f img/s", loss, rate));
        } else if (step % LOG_EVERY == 0) {
            log.printf(Locale.ROOT, "epoch: %d, step: %d, loss: %.4f, %.1f img/s%n", epoch, step, loss, rate);
            log.flush();
        }
    }

    @Override
    public void epochFinished(ComputationGraph net, TrainingState state) {
        closeBar();
        EpochMetrics m = state.last();
        String validation = Double.isNaN(m.valLoss()) ? "" : String.format(Locale.ROOT, ", %s loss %.4f, %s "
                + "accuracy %.4f", validationName, m.valLoss(), validationName, m.valAccuracy());
        log.printf(Locale.ROOT, "epoch %d/%d: train loss %.4f%s, %.0f img/s, %.1f s%n", m.epoch(), epochs,
                m.trainLoss(), validation, m.imagesPerSecond(), m.seconds());
        log.flush();
    }

    /** Closes a bar left open by an interrupted epoch. */
    void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
