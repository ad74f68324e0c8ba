package org.zoo4j.train;

/** The loss became NaN or infinite: training stops, the last good checkpoint stays. */
public class TrainingDivergedException extends RuntimeException {

    public TrainingDivergedException(String message) {
        super(message);
    }
}
