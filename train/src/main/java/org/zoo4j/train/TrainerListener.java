package org.zoo4j.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;

/**
 * Called by the {@link Trainer} around each epoch; policies (checkpoints, metrics files, charts, early stopping) are
 * listeners, not code in the loop. For per-step events use DL4J's own {@code TrainingListener}
 * ({@link Trainer.Builder#stepListener}); a class may be both.
 */
public interface TrainerListener {

    /**
     * @param epoch         1-based
     * @param stepsPerEpoch the batches of this epoch, or -1 when the iterator does not say
     */
    default void epochStarted(int epoch, int epochs, int stepsPerEpoch) {
    }

    /** After validation: {@code state.last()} holds this epoch's metrics. */
    default void epochFinished(ComputationGraph net, TrainingState state) throws IOException {
    }

    /** Training stopped on request after a step in the middle of an epoch ({@code state.partial()} says where). */
    default void stopped(ComputationGraph net, TrainingState state) throws IOException {
    }
}
