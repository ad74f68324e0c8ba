package org.zoo4j.train;

import org.zoo4j.zoo.file.ModelFile;

import java.nio.file.Path;

/** A checkpoint as read back: the model file (network with its updater state, card) and the run's state. */
public record Checkpoint(Path file, ModelFile model, TrainingState state) {
}
