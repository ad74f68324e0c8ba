package org.zoo4j.zoo;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.Arrays;
import java.util.Objects;
import org.zoo4j.layers.conv.ComputePrecision;

/**
 * Everything about a zoo model that is not its architecture: what a user may change without changing the network's
 * shape. Immutable; {@link ModelBuilder} makes them.
 *
 * @param inputShape  channels, height, width (always in this order, whatever {@code dataFormat} is)
 * @param weightDecay L2 coefficient added to the gradient of every trainable parameter (weights, biases, BatchNorm's
 *                    scale and shift) before the update rule, as PyTorch's SGD {@code weight_decay} (0 = none)
 * @param decayNormAndBias whether the weight decay reaches biases and BatchNorm's scale and shift too (PyTorch's
 *                    default) or only the weights (timm's {@code filter_bias_and_bn})
 * @param precision   what the convolutions of the network {@link Zoo4jModel#init()} makes compute in
 */
public record ModelOptions(int numClasses, int[] inputShape, long seed, IUpdater updater, IWeightInit weightInit,
                           double weightDecay, boolean decayNormAndBias, WorkspaceMode workspaceMode, CacheMode cacheMode,
                           CNN2DFormat dataFormat, ComputePrecision precision) {

    public ModelOptions {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
        if (inputShape == null || inputShape.length != 3 || Arrays.stream(inputShape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("inputShape must be {channels, height, width} with every entry >= 1, got "
                    + Arrays.toString(inputShape));
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }
        inputShape = inputShape.clone();
        Objects.requireNonNull(precision, "precision");
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    public int channels() {
        return inputShape[0];
    }

    public int height() {
        return inputShape[1];
    }

    public int width() {
        return inputShape[2];
    }

    public ModelOptions withInputShape(int[] shape) {
        return new ModelOptions(numClasses, shape, seed, updater, weightInit, weightDecay, decayNormAndBias,
                workspaceMode, cacheMode, dataFormat, precision);
    }
}
