package org.zoo4j.train;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a checkpoint records besides the network (whose file also holds the updater state and DL4J's iteration and
 * epoch counters, which drive the learning-rate schedule): the options, epochs completed, the metrics history and
 * the class names. The data order and augmentation of the next epoch follow from the seed and the epoch number.
 */
public record TrainingState(TrainingOptions options, int epochsDone, List<EpochMetrics> history,
                            List<String> classNames) {

    static final int FORMAT = 1;

    public TrainingState {
        history = List.copyOf(history);
        classNames = List.copyOf(classNames);
    }

    public double bestAccuracy() {
        return history.stream().mapToDouble(EpochMetrics::valAccuracy).max().orElse(Double.NEGATIVE_INFINITY);
    }

    TrainingState next(EpochMetrics metrics) {
        List<EpochMetrics> h = new ArrayList<>(history);
        h.add(metrics);
        return new TrainingState(options, epochsDone + 1, h, classNames);
    }

    String toJson() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode n = mapper.createObjectNode();
        n.put("format", FORMAT);
        n.set("options", mapper.readTree(options.toJson()));
        n.put("epochsDone", epochsDone);
        ArrayNode h = n.putArray("history");
        history.forEach(m -> h.add(m.json()));
        ArrayNode names = n.putArray("classNames");
        classNames.forEach(names::add);
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(n);
    }

    static TrainingState fromJson(String json) throws IOException {
        JsonNode n = new ObjectMapper().readTree(json);
        if (n.path("format").asInt() != FORMAT) {
            throw new IOException("unsupported zoo4j checkpoint format " + n.path("format"));
        }
        List<EpochMetrics> history = new ArrayList<>();
        n.get("history").forEach(m -> history.add(EpochMetrics.fromJson(m)));
        List<String> names = new ArrayList<>();
        n.get("classNames").forEach(c -> names.add(c.asText()));
        return new TrainingState(TrainingOptions.fromJson(n.get("options")), n.get("epochsDone").asInt(), history,
                names);
    }
}
