package org.zoo4j.train.run;

import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.zoo4j.data.Augmentation;
import org.zoo4j.core.Normalization;
import org.zoo4j.train.Hyperparameters;
import org.zoo4j.train.LearningRateSchedule;
import org.zoo4j.train.Optimizer;
import org.zoo4j.zoo.registry.ModelRegistry;

/** Named starting points for training; a caller overrides what it wants to change. */
public enum Recipe {
    /**
     * The seed notebook's: Adam 1e-4, 10 epochs, batch 128, pixels scaled to [0, 1], no augmentation, constant rate.
     */
    SEED(new Hyperparameters(10, 128, Optimizer.ADAM, 1e-4, 0.9, false, 0, LearningRateSchedule.Kind.CONSTANT, 0, 42, 0, 0, false),
            Augmentation.NONE, Normalization.SCALE_01),
    /**
     * The standard CIFAR recipe (He et al. 2016; kuangliu/pytorch-cifar): SGD with Nesterov momentum 0.9, lr 0.1,
     * weight decay 5e-4, cosine annealing, 4-pixel crop + flip, batch 128, per-channel standardisation.
     */
    STANDARD(new Hyperparameters(200, 128, Optimizer.SGD, 0.1, 0.9, true, 5e-4, LearningRateSchedule.Kind.COSINE, 0,
            42, 0, 0, false), Augmentation.STANDARD, Normalization.CIFAR10),
    /**
     * The standard recipe for networks without BatchNorm (the seed's VGG13): half its rate, 0.05, reached by one
     * epoch of linear warm-up, then cosine; everything else as {@link #STANDARD}. At 0.1 such a network stays at
     * chance (measured on vgg13, docs/weights.md).
     */
    PLAIN(new Hyperparameters(200, 128, Optimizer.SGD, 0.05, 0.9, true, 5e-4, LearningRateSchedule.Kind.COSINE, 1,
            42, 0, 0, false), Augmentation.STANDARD, Normalization.CIFAR10),
    /**
     * Fine-tuning a trained model: SGD with Nesterov momentum 0.9 at a tenth of the standard rate (0.01), weight decay
     * 1e-4, cosine, 15 epochs, batch 64, augmentation on; the input normalisation is the model's own.
     */
    FINETUNE(new Hyperparameters(15, 64, Optimizer.SGD, 0.01, 0.9, true, 1e-4, LearningRateSchedule.Kind.COSINE, 0,
            42, 0, 0, false), Augmentation.STANDARD, Normalization.CIFAR10);

    private final Hyperparameters hyperparameters;
    private final Augmentation augmentation;
    private final Normalization normalization;

    Recipe(Hyperparameters hyperparameters, Augmentation augmentation, Normalization normalization) {
        this.hyperparameters = hyperparameters;
        this.augmentation = augmentation;
        this.normalization = normalization;
    }

    /**
     * The recipe a zoo model trains with from scratch when none is named: {@link #PLAIN} for an architecture without
     * BatchNorm, {@link #STANDARD} for the others.
     *
     * @throws IllegalArgumentException when no architecture has this name
     */
    public static Recipe forModel(String name) {
        boolean normalised = ModelRegistry.builder(name).build().conf().getVertices().values().stream()
                .anyMatch(v -> v instanceof LayerVertex layer && layer.getLayerConf().getLayer()
                        instanceof BatchNormalization);
        return normalised ? STANDARD : PLAIN;
    }

    public Hyperparameters hyperparameters() {
        return hyperparameters;
    }

    public Augmentation augmentation() {
        return augmentation;
    }

    public Normalization normalization() {
        return normalization;
    }
}
