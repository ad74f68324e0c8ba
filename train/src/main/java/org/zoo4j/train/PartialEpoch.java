package org.zoo4j.train;

/**
 * How far an unfinished epoch got when training stopped on request: its steps, and the sums its metrics need, so that
 * a resumed run reports the whole epoch.
 */
public record PartialEpoch(int steps, double lossSum, long examples, double seconds) {
}
