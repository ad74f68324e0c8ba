package org.zoo4j.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.core.file.ModelFile;

import java.nio.file.Path;

/**
 * A checkpoint as read back: the model file (network with its trained parameters and updater state, card), the run's
 * state, and its {@link WeightAverage}'s parameters (null for runs without one).
 */
public record Checkpoint(Path file, ModelFile model, TrainingState state, INDArray averaged) {
}
