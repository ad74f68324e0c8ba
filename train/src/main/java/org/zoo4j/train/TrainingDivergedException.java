package org.zoo4j.train;

/** The loss became NaN or infinite: training stops; checkpoints written before stay as they are. */
public class TrainingDivergedException extends RuntimeException {

    private final int epoch;
    private final int step;

    public TrainingDivergedException(int epoch, int step, double loss) {
        super("loss became " + loss + " in epoch " + epoch + " at step " + step + "; stopped. A lower learning rate "
                + "usually helps");
        this.epoch = epoch;
        this.step = step;
    }

    /** The same divergence, with more context, keeping the original as the cause. */
    public TrainingDivergedException(String message, TrainingDivergedException cause) {
        super(message, cause);
        this.epoch = cause.epoch;
        this.step = cause.step;
    }

    /** 1-based. */
    public int epoch() {
        return epoch;
    }

    /** 1-based, within the epoch. */
    public int step() {
        return step;
    }
}
