package org.zoo4j.train;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.function.Supplier;

/**
 * An exponential moving average of a network's parameters over its training steps (Polyak averaging, as timm's
 * {@code ModelEmaV3} and torchvision's recipes keep it): after each step {@code average = d * average + (1 - d) *
 * parameters}, with {@code d = min(decay, (1 + t) / (10 + t))} at step {@code t} so that the first steps are not held
 * back by the random start. BatchNorm's running statistics are parameters in DL4J, and are averaged too, as timm
 * averages buffers. Validation and the weights a run leaves are the average's; training goes on from the network's
 * own parameters. Runs on the machine that steps (not with a Spark engine, whose steps run on workers).
 */
public final class WeightAverage extends BaseTrainingListener {

    private final double decay;
    private final INDArray average;
    private long steps;

    private WeightAverage(double decay, INDArray average, long steps) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("the weight average's decay must be in (0, 1), got " + decay);
        }
        this.decay = decay;
        this.average = average;
        this.steps = steps;
    }

    /** An average that starts from {@code net}'s parameters (a new run). */
    public static WeightAverage start(ComputationGraph net, double decay) {
        return new WeightAverage(decay, net.params().dup(), net.getConfiguration().getIterationCount());
    }

    /** An average continuing from a checkpoint's: {@code averaged} after the network's recorded steps. */
    public static WeightAverage resume(ComputationGraph net, double decay, INDArray averaged) {
        if (averaged == null) {
            throw new IllegalArgumentException("the checkpoint holds no averaged weights, and its run averages them");
        }
        return new WeightAverage(decay, averaged.dup(), net.getConfiguration().getIterationCount());
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        double d = Math.min(decay, (1.0 + steps) / (10.0 + steps));
        // in place, every step: no temporary copy of the parameters
        Nd4j.getBlasWrapper().level1().axpy(average.length(), 1 - d, model.params(), average.muli(d));
        steps++;
    }

    /** The averaged parameters (a view: copy it to keep it). */
    public INDArray average() {
        return average;
    }

    /** {@code task} run with the average in {@code net}, whose own parameters come back afterwards. */
    public <T> T withAverage(ComputationGraph net, Supplier<T> task) {
        INDArray own = net.params().dup();
        net.setParams(average);
        try {
            return task.get();
        } finally {
            net.setParams(own);
        }
    }
}
