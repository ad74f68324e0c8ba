package org.zoo4j.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Counts one epoch's steps for listeners: steps, images, elapsed time, and the mean data loss (DL4J's score without
 * the weight-decay penalty it adds, so that it compares with other frameworks' training loss).
 */
public final class EpochMeter {

    private int steps;
    private long examples;
    private double lossSum;
    private long start = System.nanoTime();

    /** Starts counting a new epoch. */
    public void start() {
        steps = 0;
        examples = 0;
        lossSum = 0;
        start = System.nanoTime();
    }

    /** Continues counting an epoch that stopped part-way, from what it had counted. */
    public void resume(PartialEpoch partial) {
        steps = partial.steps();
        examples = partial.examples();
        lossSum = partial.lossSum();
        start = System.nanoTime() - (long) (partial.seconds() * 1e9);
    }

    /** What has been counted so far, to resume the epoch later. */
    public PartialEpoch partial() {
        return new PartialEpoch(steps, lossSum, examples, seconds());
    }

    /** Counts a finished step of {@code model} and returns its data loss. */
    public double step(Model model) {
        double loss = dataLoss(model);
        count(loss, model.batchSize());
        return loss;
    }

    /** Counts a finished step whose data loss is known. */
    public void count(double loss, int images) {
        steps++;
        examples += images;
        lossSum += loss;
    }

    /** Counts steps trained elsewhere (the workers of a Spark cluster): how many, their summed data loss, images. */
    public void count(int stepCount, double lossTotal, long images) {
        steps += stepCount;
        examples += images;
        lossSum += lossTotal;
    }

    /** DL4J's score of the last step without the weight-decay penalty. */
    public static double dataLoss(Model model) {
        double loss = model.score();
        if (model instanceof ComputationGraph graph) {
            loss -= graph.calcRegularizationScore(true);
        }
        return loss;
    }

    public int steps() {
        return steps;
    }

    public long examples() {
        return examples;
    }

    public double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    public double imagesPerSecond() {
        return examples / seconds();
    }

    /** NaN before the first step. */
    public double meanLoss() {
        return steps == 0 ? Double.NaN : lossSum / steps;
    }
}
