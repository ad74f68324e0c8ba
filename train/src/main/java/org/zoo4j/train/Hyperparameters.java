package org.zoo4j.train;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * How a network is optimised: epochs, batch size, update rule, learning rate and its schedule, weight decay, and the
 * seed of everything random in a run (weights, data order, augmentation, dropout). Plain data: JSON in checkpoints.
 *
 * @param momentum     Nesterov momentum for SGD (0 for plain SGD)
 * @param weightDecay  L2 coefficient added to every trainable parameter's gradient before the update rule, as
 *                     PyTorch's SGD {@code weight_decay} (0 = none)
 * @param warmupEpochs   linear learning-rate warm-up before the schedule
 * @param labelSmoothing {@link LabelSmoothing}'s epsilon for the training targets (0 = none)
 * @param averageDecay   the decay of a {@link WeightAverage} of the weights, which validation and the run's model files
 *                       use (0 = none). Checkpoints of versions without these read as 0.
 */
public record Hyperparameters(int epochs, int batchSize, Optimizer optimizer, double learningRate, double momentum,
                              boolean nesterov, double weightDecay, LearningRateSchedule.Kind schedule,
                              int warmupEpochs, long seed, double labelSmoothing, double averageDecay) {

    public Hyperparameters {
        require(epochs >= 1, "epochs must be >= 1, got " + epochs);
        require(batchSize >= 1, "batch size must be >= 1, got " + batchSize);
        require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be a positive number, got "
                + learningRate);
        require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
        require(weightDecay >= 0, "weight decay must be >= 0, got " + weightDecay);
        require(warmupEpochs >= 0 && warmupEpochs < epochs, "warm-up epochs must be in [0, epochs), got "
                + warmupEpochs);
        require(labelSmoothing >= 0 && labelSmoothing < 1, "label smoothing must be in [0, 1), got "
                + labelSmoothing);
        require(averageDecay == 0 || (averageDecay > 0 && averageDecay < 1), "the weight average's decay must be "
                + "0 (none) or in (0, 1), got " + averageDecay);
        require(optimizer != Optimizer.SGD || nesterov || momentum == 0, "DL4J offers SGD with Nesterov momentum or "
                + "without momentum (momentum 0), not classical momentum");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The learning rate per iteration, for a run of {@code stepsPerEpoch} steps per epoch. */
    public LearningRateSchedule schedule(int stepsPerEpoch) {
        return new LearningRateSchedule(schedule, learningRate, warmupEpochs * stepsPerEpoch, epochs * stepsPerEpoch);
    }

    /** DL4J's updater for these settings, with the schedule built in. */
    public IUpdater updater(int stepsPerEpoch) {
        LearningRateSchedule rates = schedule(stepsPerEpoch);
        return switch (optimizer) {
            case ADAM -> new Adam(rates);
            case SGD -> nesterov ? new Nesterovs(rates, momentum) : new Sgd(rates);
        };
    }

    public Hyperparameters withEpochs(int newEpochs) {
        return new Hyperparameters(newEpochs, batchSize, optimizer, learningRate, momentum, nesterov, weightDecay,
                schedule, warmupEpochs, seed, labelSmoothing, averageDecay);
    }
}
