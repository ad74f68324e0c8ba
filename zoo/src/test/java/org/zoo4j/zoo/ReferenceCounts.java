package org.zoo4j.zoo;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The counts tools/reference/param_counts.py computed from the PyTorch reference definitions. */
final class ReferenceCounts {

    private static final JsonNode COUNTS = load();

    private ReferenceCounts() {
    }

    static ParamCount of(String model) {
        JsonNode node = COUNTS.get(model);
        if (node == null) {
            throw new IllegalArgumentException("No reference count for " + model + ": rerun tools/reference/param_counts.py");
        }
        return new ParamCount(node.get("params").asLong(), node.get("trainable").asLong());
    }

    private static JsonNode load() {
        try (InputStream in = ReferenceCounts.class.getResourceAsStream("/reference-param-counts.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
