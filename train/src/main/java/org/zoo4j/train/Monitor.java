package org.zoo4j.train;

import org.zoo4j.core.InvalidSettingException;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/** A metric that policies watch (which checkpoint is best), with the direction that is better. */
public enum Monitor {
    TRAIN_LOSS("train_loss", Mode.MIN, EpochMetrics::trainLoss),
    VAL_LOSS("val_loss", Mode.MIN, EpochMetrics::valLoss),
    VAL_ACCURACY("val_accuracy", Mode.MAX, EpochMetrics::valAccuracy);

    /** Whether smaller or larger values are better. */
    public enum Mode { MIN, MAX }

    private final String key;
    private final Mode mode;
    private final ToDoubleFunction<EpochMetrics> value;

    Monitor(String key, Mode mode, ToDoubleFunction<EpochMetrics> value) {
        this.key = key;
        this.mode = mode;
        this.value = value;
    }

    /** The name in metrics.csv ({@code val_accuracy}). */
    public String key() {
        return key;
    }

    /** The direction that is better for this metric. */
    public Mode mode() {
        return mode;
    }

    public double valueOf(EpochMetrics metrics) {
        return value.applyAsDouble(metrics);
    }

    /** Whether {@code candidate} beats {@code incumbent} in {@code mode}; NaN (not measured) never does. */
    public static boolean better(double candidate, double incumbent, Mode mode) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        if (Double.isNaN(incumbent)) {
            return true;
        }
        return mode == Mode.MAX ? candidate > incumbent : candidate < incumbent;
    }

    /** The name an {@link InvalidSettingException} gives a metric that is not one of these. */
    public static final String SETTING = "monitored metric";

    /** @throws InvalidSettingException (setting {@value #SETTING}) naming the known metrics */
    public static Monitor of(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equalsIgnoreCase(key)).findFirst().orElseThrow(() ->
                new InvalidSettingException(SETTING, "'" + key + "' is unknown; known: "
                        + Arrays.stream(values()).map(Monitor::key).toList()));
    }
}
