package org.zoo4j.train;

import org.zoo4j.data.Augmentation;
import org.zoo4j.data.Normalization;

/** Named starting points for {@code zoo4j train}; every flag given on the command line overrides the recipe's. */
public enum Recipe {
    /**
     * The seed notebook's: Adam 1e-4, 10 epochs, batch 128, pixels scaled to [0, 1], no augmentation, constant rate.
     */
    SEED(10, 128, Optimizer.ADAM, 1e-4, 0.9, false, 0, LearningRateSchedule.Kind.CONSTANT, 0,
            Augmentation.NONE, Normalization.SCALE_01),
    /**
     * The standard CIFAR recipe (He et al. 2016; kuangliu/pytorch-cifar): SGD with Nesterov momentum 0.9, lr 0.1,
     * weight decay 5e-4, cosine annealing, 4-pixel crop + flip, batch 128, per-channel standardisation.
     */
    STANDARD(200, 128, Optimizer.SGD, 0.1, 0.9, true, 5e-4, LearningRateSchedule.Kind.COSINE, 0,
            Augmentation.STANDARD, Normalization.STANDARDIZE);

    public enum Optimizer { SGD, ADAM }

    final int epochs;
    final int batch;
    final Optimizer optimizer;
    final double lr;
    final double momentum;
    final boolean nesterov;
    final double weightDecay;
    final LearningRateSchedule.Kind schedule;
    final int warmupEpochs;
    final Augmentation augmentation;
    final Normalization normalization;

    Recipe(int epochs, int batch, Optimizer optimizer, double lr, double momentum, boolean nesterov, double weightDecay,
           LearningRateSchedule.Kind schedule, int warmupEpochs, Augmentation augmentation, Normalization normalization) {
        this.epochs = epochs;
        this.batch = batch;
        this.optimizer = optimizer;
        this.lr = lr;
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        this.schedule = schedule;
        this.warmupEpochs = warmupEpochs;
        this.augmentation = augmentation;
        this.normalization = normalization;
    }
}
