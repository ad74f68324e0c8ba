package org.zoo4j.train;

import org.zoo4j.core.InvalidSettingException;
import org.zoo4j.data.EpochIterator;
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
 * @param weightsOnlyDecay the weight decay leaves biases and BatchNorm's scale and shift alone (timm's
 *                       {@code filter_bias_and_bn}); false, as in checkpoints without it, decays every parameter
 */
public record Hyperparameters(int epochs, int batchSize, Optimizer optimizer, double learningRate, double momentum,
                              boolean nesterov, double weightDecay, LearningRateSchedule.Kind schedule,
                              int warmupEpochs, long seed, double labelSmoothing, double averageDecay,
                              boolean weightsOnlyDecay) {

    /** The names an {@link InvalidSettingException} gives the settings it is about. */
    public static final String EPOCHS = "epochs", BATCH_SIZE = EpochIterator.BATCH_SIZE, LEARNING_RATE = "learning rate",
            MOMENTUM = "momentum", WEIGHT_DECAY = "weight decay", WARMUP_EPOCHS = "warm-up epochs",
            LABEL_SMOOTHING = "label smoothing", AVERAGE_DECAY = "the weight average's decay";

    public Hyperparameters {
        require(epochs >= 1, EPOCHS, "must be >= 1, got " + epochs);
        require(batchSize >= 1, BATCH_SIZE, "must be >= 1, got " + batchSize);
        require(learningRate > 0 && Double.isFinite(learningRate), LEARNING_RATE, "must be a positive number, got "
                + learningRate);
        require(momentum >= 0 && momentum < 1, MOMENTUM, "must be in [0, 1), got " + momentum);
        require(weightDecay >= 0, WEIGHT_DECAY, "must be >= 0, got " + weightDecay);
        require(warmupEpochs >= 0 && warmupEpochs < epochs, WARMUP_EPOCHS, "must be in [0, epochs), got "
                + warmupEpochs);
        require(labelSmoothing >= 0 && labelSmoothing < 1, LABEL_SMOOTHING, "must be in [0, 1), got "
                + labelSmoothing);
        require(averageDecay == 0 || (averageDecay > 0 && averageDecay < 1), AVERAGE_DECAY, "must be 0 (none) or in "
                + "(0, 1), got " + averageDecay);
        require(optimizer != Optimizer.SGD || nesterov || momentum == 0, MOMENTUM, "must be 0 for SGD without "
                + "Nesterov: DL4J offers SGD with Nesterov momentum or without momentum, not classical momentum");
    }

    private static void require(boolean ok, String setting, String problem) {
        if (!ok) {
            throw new InvalidSettingException(setting, problem);
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
                schedule, warmupEpochs, seed, labelSmoothing, averageDecay, weightsOnlyDecay);
    }
}
