package org.zoo4j.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.IOException;

/**
 * Runs the training steps of one epoch. The {@link Trainer}'s default, {@link #LOCAL}, is DL4J's fit loop in this
 * JVM, whose steps reach the trainer's listeners one by one. Other engines (zoo4j-spark's data-parallel one) train
 * elsewhere, leave the result in {@code net} (parameters, updater state, iteration count) and count what they
 * trained on {@code meter}, of which the epoch's metrics are made.
 */
@FunctionalInterface
public interface EpochEngine {

    /** DL4J's {@code ComputationGraph.fit} on the iterator, step by step in this JVM. */
    EpochEngine LOCAL = (net, train, epoch, meter) -> {
        if (train.hasNext()) {
            net.fit(train);
        }
    };

    /**
     * @param train positioned by the trainer at the epoch's first step to train (later than its start when a stopped
     *              run resumes: {@code meter} has then counted the steps done)
     * @param epoch 0-based
     */
    void fitEpoch(ComputationGraph net, DataSetIterator train, int epoch, EpochMeter meter) throws IOException;
}
