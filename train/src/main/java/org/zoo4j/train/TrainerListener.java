package org.zoo4j.train;

import org.zoo4j.core.inference.Evaluator;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;

/**
 * Called by the {@link Trainer} around each epoch and after each step; policies (checkpoints, metrics files, charts,
 * progress, early stopping) are listeners, not code in the loop. DL4J's own {@code TrainingListener}s can be added too
 * ({@link Trainer.Builder#stepListener}).
 */
public interface TrainerListener {

    /**
     * @param epoch         1-based
     * @param stepsPerEpoch the batches of this epoch, or -1 when the iterator does not say
     */
    default void epochStarted(int epoch, int epochs, int stepsPerEpoch) {
    }

    /**
     * After each training step.
     *
     * @param step   1-based, within the epoch
     * @param loss   the step's data loss (DL4J's score without its weight-decay term), computed once for all listeners
     * @param images the step's batch size
     */
    default void stepFinished(int step, double loss, int images) {
    }

    /**
     * After each training step, with the network as the step left it: DL4J's gradient view then holds the update the
     * step applied (for update:parameter ratios). Calls {@link #stepFinished(int, double, int)} unless overridden.
     */
    default void stepFinished(ComputationGraph net, int step, double loss, int images) {
        stepFinished(step, loss, images);
    }

    /** After each epoch's validation, before {@link #epochFinished}: DL4J's evaluation with its confusion matrix. */
    default void validated(int epoch, Evaluator.Result result) {
    }

    /** After validation: {@code state.last()} holds this epoch's metrics. */
    default void epochFinished(ComputationGraph net, TrainingState state) throws IOException {
    }

    /** Training stopped on request after a step in the middle of an epoch ({@code state.partial()} says where). */
    default void stopped(ComputationGraph net, TrainingState state) throws IOException {
    }
}
