package org.zoo4j.train;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * The learning rate per iteration: an optional linear warm-up, then constant, step (x0.1 at 50% and 75% of
 * training, the classic CIFAR ResNet schedule), cosine annealing to 0 (Loshchilov and Hutter 2017) or one-cycle
 * (Smith 2018; PyTorch's {@code OneCycleLR} defaults: 30% rise from lr/25, cosine fall to lr/1e4).
 * Iteration-based, so DL4J's saved iteration count resumes it exactly. JSON-serialisable for checkpoints.
 */
public final class LearningRateSchedule implements ISchedule {

    public enum Kind { CONSTANT, STEP, COSINE, ONECYCLE }

    private final Kind kind;
    private final double lr;
    private final int warmupIterations;
    private final int totalIterations;

    public LearningRateSchedule(@JsonProperty("kind") Kind kind, @JsonProperty("lr") double lr,
                                @JsonProperty("warmupIterations") int warmupIterations,
                                @JsonProperty("totalIterations") int totalIterations) {
        if (!(lr > 0) || totalIterations < 1 || warmupIterations < 0 || warmupIterations >= totalIterations) {
            throw new IllegalArgumentException("learning rate schedule needs lr > 0 and 0 <= warm-up < total "
                    + "iterations, got lr " + lr + ", warm-up " + warmupIterations + ", total " + totalIterations);
        }
        this.kind = Objects.requireNonNull(kind);
        this.lr = lr;
        this.warmupIterations = warmupIterations;
        this.totalIterations = totalIterations;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (kind == Kind.ONECYCLE) {
            return oneCycle(iteration);
        }
        if (iteration < warmupIterations) {
            return lr * (iteration + 1) / warmupIterations;
        }
        double t = Math.min(1.0, (iteration - warmupIterations) / (double) (totalIterations - warmupIterations));
        return switch (kind) {
            case CONSTANT -> lr;
            case STEP -> lr * (t < 0.5 ? 1 : t < 0.75 ? 0.1 : 0.01);
            case COSINE -> lr * 0.5 * (1 + Math.cos(Math.PI * t));
            case ONECYCLE -> throw new AssertionError("handled above");
        };
    }

    private double oneCycle(int iteration) {
        double start = lr / 25;
        double end = start / 1e4;
        int rise = Math.max(1, (int) (0.3 * totalIterations));
        if (iteration < rise) {
            return start + (lr - start) * iteration / rise;
        }
        double t = Math.min(1.0, (iteration - rise) / (double) Math.max(1, totalIterations - rise));
        return end + (lr - end) * 0.5 * (1 + Math.cos(Math.PI * t));
    }

    @JsonProperty("kind")
    public Kind kind() {
        return kind;
    }

    @JsonProperty("lr")
    public double lr() {
        return lr;
    }

    @JsonProperty("warmupIterations")
    public int warmupIterations() {
        return warmupIterations;
    }

    @JsonProperty("totalIterations")
    public int totalIterations() {
        return totalIterations;
    }

    @Override
    public ISchedule clone() {
        return new LearningRateSchedule(kind, lr, warmupIterations, totalIterations);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearningRateSchedule s && s.kind == kind && s.lr == lr
                && s.warmupIterations == warmupIterations && s.totalIterations == totalIterations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, lr, warmupIterations, totalIterations);
    }
}
