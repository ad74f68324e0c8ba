package org.zoo4j.train;

import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a run stands, saved in every checkpoint beside the network (whose file holds the updater state and DL4J's
 * iteration and epoch counters, which drive learning-rate schedules): epochs completed, the metrics history, the
 * run's own settings as the application wrote them (JSON, or null), so that it can rebuild its data to resume, and
 * how far the next epoch got when training stopped on request in its middle (null otherwise).
 */
public record TrainingState(int epochsDone, List<EpochMetrics> history, String settings, PartialEpoch partial) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public TrainingState {
        history = List.copyOf(history);
    }

    /** A run before its first epoch. */
    public static TrainingState start(String settings) {
        return new TrainingState(0, List.of(), settings, null);
    }

    /** The best value of {@code monitor} so far, NaN when it was never measured. */
    public double best(Monitor monitor, Monitor.Mode mode) {
        double best = Double.NaN;
        for (EpochMetrics m : history) {
            if (Monitor.better(monitor.valueOf(m), best, mode)) {
                best = monitor.valueOf(m);
            }
        }
        return best;
    }

    public EpochMetrics last() {
        if (history.isEmpty()) {
            throw new IllegalStateException("no epoch finished yet");
        }
        return history.get(history.size() - 1);
    }

    TrainingState next(EpochMetrics metrics) {
        List<EpochMetrics> h = new ArrayList<>(history);
        h.add(metrics);
        return new TrainingState(epochsDone + 1, h, settings, null);
    }

    /** The run stopped in the middle of its next epoch, this far into it. */
    TrainingState stoppedIn(PartialEpoch epoch) {
        return new TrainingState(epochsDone, history, settings, epoch);
    }

    /** Whether the run stopped on request before its last epoch ended. */
    public boolean stopped() {
        return partial != null;
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a training state is plain data and always serialises", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a complete state */
    public static TrainingState fromJson(String json) {
        try {
            return JSON.readValue(json, TrainingState.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable training state: " + e.getMessage(), e);
        }
    }
}
