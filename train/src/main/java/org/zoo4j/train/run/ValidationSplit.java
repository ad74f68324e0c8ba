package org.zoo4j.train.run;

import org.zoo4j.core.InvalidSettingException;
import org.zoo4j.data.HoldOut;

/**
 * How a run holds validation records out of the training records: {@code 0} none (evaluate on the test
 * split), a fraction such as {@code 0.1} or a count such as {@code 5000} (seeded random choice), {@code last:N},
 * the last N records (with the full distribution, {@code last:10000} is data_batch_5), or {@code none}: train on
 * every record and validate on nothing (a final model on all the data, once a recipe has been chosen).
 */
public final class ValidationSplit {

    /** Train on every record, validate on nothing. */
    public static final String NONE = "none";
    /** The name an {@link InvalidSettingException} gives a split it cannot read. */
    public static final String SETTING = "validation split";

    private ValidationSplit() {
    }

    public static boolean none(String spec) {
        return NONE.equals(spec);
    }

    /** @throws IllegalArgumentException naming the accepted forms */
    public static void parse(String spec) {
        if (spec == null) {
            require(false, "null");
        }
        try {
            if (none(spec)) {
                return;
            }
            if (spec.startsWith("last:")) {
                require(Integer.parseInt(spec.substring(5)) >= 1, spec);
            } else {
                require(Double.parseDouble(spec) >= 0, spec);
            }
        } catch (NumberFormatException e) {
            require(false, spec);
        }
    }

    /** The partition, or null when the spec is 0. */
    public static <P> P apply(String spec, HoldOut<P> records, long seed) {
        if (spec.startsWith("last:")) {
            return records.holdOutLast(Integer.parseInt(spec.substring(5)));
        }
        double value = Double.parseDouble(spec);
        if (value == 0) {
            return null;
        }
        return value < 1 ? records.holdOut(value, seed) : records.holdOut((int) value, seed);
    }

    private static void require(boolean ok, String spec) {
        if (!ok) {
            throw new InvalidSettingException(SETTING, "is 0 (none: evaluate on the test split), a "
                + "fraction (0.1), a count (5000), last:N (the last N records) or none (train on all, validate on "
                + "nothing), got '" + spec + "'");
        }
    }
}
