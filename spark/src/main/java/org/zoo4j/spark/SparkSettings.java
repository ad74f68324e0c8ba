package org.zoo4j.spark;

import org.zoo4j.core.InvalidSettingException;

/**
 * How DL4J's parameter averaging spreads training over a Spark cluster.
 *
 * @param workers            parallel trainers, each with its own copy of the network and a batch of the run's size
 *                           per step (0: Spark's default parallelism, the cores of {@code local[N]} or of the
 *                           cluster's executors)
 * @param averagingFrequency steps each worker takes between two averagings of parameters and updater state (1:
 *                           synchronous data-parallel SGD; larger: less communication, staler averages)
 * @param prefetchBatches    batches each worker prepares ahead (0: none)
 */
public record SparkSettings(int workers, int averagingFrequency, int prefetchBatches) {

    /** DL4J's defaults: Spark's parallelism, averaging every 5 steps, 2 batches prefetched. */
    public static final SparkSettings DEFAULT = new SparkSettings(0, 5, 2);

    /** The names an {@link InvalidSettingException} gives the settings it is about. */
    public static final String WORKERS = "workers", AVERAGING_FREQUENCY = "averaging frequency";

    public SparkSettings {
        if (workers < 0) {
            throw new InvalidSettingException(WORKERS, "must be >= 0 (0: Spark's default parallelism), got "
                    + workers);
        }
        if (averagingFrequency < 1) {
            throw new InvalidSettingException(AVERAGING_FREQUENCY, "must be >= 1, got " + averagingFrequency);
        }
        if (prefetchBatches < 0) {
            throw new IllegalArgumentException("prefetch batches must be >= 0, got " + prefetchBatches);
        }
    }
}
