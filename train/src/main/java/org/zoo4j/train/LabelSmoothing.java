package org.zoo4j.train;

import org.zoo4j.core.InvalidSettingException;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * Label smoothing (Szegedy et al. 2016) for softmax classifiers trained with cross-entropy: each one-hot target
 * becomes {@code (1 - epsilon) * y + epsilon / classes}, which is what PyTorch's
 * {@code CrossEntropyLoss(label_smoothing=epsilon)} optimises. Set on the training iterator only, so validation and
 * evaluation see the true labels. Serializable, as DL4J's preprocessors are, so Spark workers apply it too.
 */
public record LabelSmoothing(double epsilon) implements DataSetPreProcessor {

    public LabelSmoothing {
        if (!(epsilon >= 0 && epsilon < 1)) {
            throw new InvalidSettingException(Hyperparameters.LABEL_SMOOTHING, "must be in [0, 1), got " + epsilon);
        }
    }

    @Override
    public void preProcess(DataSet batch) {
        long classes = batch.getLabels().size(1);
        batch.getLabels().muli(1 - epsilon).addi(epsilon / classes);
    }
}
