package org.zoo4j.cli;

import org.zoo4j.core.InvalidSettingException;
import org.zoo4j.core.inference.InferenceEngine;
import org.zoo4j.data.CifarRecords;
import org.zoo4j.data.UnreadableImageException;
import org.zoo4j.spark.SparkSettings;
import org.zoo4j.train.FineTuning;
import org.zoo4j.train.Hyperparameters;
import org.zoo4j.train.Monitor;
import org.zoo4j.train.run.ValidationSplit;

import java.util.Arrays;
import java.util.Map;

/** The flag behind each setting the library names in its typed errors, so that a user reads the flag they typed. */
final class Flags {

    private static final Map<String, String> OF_SETTING = Map.ofEntries(
            Map.entry(Hyperparameters.EPOCHS, "--epochs"),
            Map.entry(Hyperparameters.BATCH_SIZE, "--batch"),
            Map.entry(Hyperparameters.LEARNING_RATE, "--lr"),
            Map.entry(Hyperparameters.MOMENTUM, "--momentum"),
            Map.entry(Hyperparameters.WEIGHT_DECAY, "--weight-decay"),
            Map.entry(Hyperparameters.WARMUP_EPOCHS, "--warmup-epochs"),
            Map.entry(Hyperparameters.LABEL_SMOOTHING, "--label-smoothing"),
            Map.entry(Hyperparameters.AVERAGE_DECAY, "--ema"),
            Map.entry(ValidationSplit.SETTING, "--val-split"),
            Map.entry(FineTuning.FREEZE_POINT, "--freeze"),
            Map.entry(Monitor.SETTING, "--best-by"),
            Map.entry(CifarRecords.LIMIT, "--limit"),
            Map.entry(SparkSettings.WORKERS, "--workers"),
            Map.entry(SparkSettings.AVERAGING_FREQUENCY, "--averaging-frequency"),
            Map.entry(InferenceEngine.SETTING, "--engine"),
            Map.entry(InferenceEngine.PRECISION, "--precision"));

    private Flags() {
    }

    /** The flag a setting of the library's is given by, or null when no flag sets it. */
    static String of(String setting) {
        return OF_SETTING.get(setting);
    }

    /** An error's message in the command line's words: settings as their flags, skipping as {@code --skip-bad}. */
    static String described(Throwable e) {
        if (e instanceof InvalidSettingException invalid && of(invalid.setting()) != null) {
            return of(invalid.setting()) + " " + invalid.problem();
        }
        if (e instanceof UnreadableImageException unreadable) {
            return unreadable.file() + " " + unreadable.problem() + " (--skip-bad skips such files)";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The constant of {@code type} a flag's value names, in any case. */
    static <E extends Enum<E>> E choice(Class<E> type, String value, String flag) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException(flag + " takes one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase()).toList() + ", got '" + value + "'");
    }
}
