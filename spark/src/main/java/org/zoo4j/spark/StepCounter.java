package org.zoo4j.spark;

import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.zoo4j.train.EpochMeter;

/**
 * Runs in the workers after every step and adds it to Spark accumulators the driver reads: steps, images and the
 * sum of the steps' data losses, so that an epoch on Spark reports the same training loss as one on a single
 * machine (DL4J's own score would be the last averaging's, with the weight-decay penalty).
 */
final class StepCounter implements TrainingHook {

    private final LongAccumulator steps;
    private final LongAccumulator images;
    private final DoubleAccumulator loss;

    StepCounter(LongAccumulator steps, LongAccumulator images, DoubleAccumulator loss) {
        this.steps = steps;
        this.images = images;
        this.loss = loss;
    }

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
        count(minibatch.numExamples(), model);
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
        count(minibatch.getFeatures(0).size(0), model);
    }

    private void count(long examples, Model model) {
        steps.add(1);
        images.add(examples);
        loss.add(EpochMeter.dataLoss(model));
    }
}
