package org.zoo4j.cli;

import org.nd4j.shade.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A run's settings (as checkpoints and weights.json record them) as the zoo4j train command that repeats it. */
final class RecipeCommand {

    private RecipeCommand() {
    }

    static String of(JsonNode settings) {
        JsonNode h = settings.path("hyperparameters");
        List<String> words = new ArrayList<>(List.of("zoo4j", "train", settings.path("model").asText()));
        if (!settings.path("data").isNull() && !settings.path("data").asText().isEmpty()) {
            words.addAll(List.of("--data", settings.path("data").asText()));
        }
        if (settings.path("limit").asInt() > 0) {
            words.addAll(List.of("--limit", settings.path("limit").asText()));
        }
        words.addAll(List.of("--val-split", settings.path("validation").asText(),
                "--epochs", h.path("epochs").asText(), "--batch", h.path("batchSize").asText(),
                "--optimizer", h.path("optimizer").asText().toLowerCase(Locale.ROOT),
                "--lr", h.path("learningRate").asText()));
        if (h.path("optimizer").asText().equalsIgnoreCase("sgd")) {
            words.addAll(List.of("--momentum", h.path("momentum").asText(),
                    h.path("nesterov").asBoolean() ? "--nesterov" : "--no-nesterov"));
        }
        words.addAll(List.of("--weight-decay", h.path("weightDecay").asText(),
                "--schedule", h.path("schedule").asText().toLowerCase(Locale.ROOT)));
        if (h.path("warmupEpochs").asInt() > 0) {
            words.addAll(List.of("--warmup-epochs", h.path("warmupEpochs").asText()));
        }
        JsonNode augmentation = settings.path("augmentation");
        words.add(augmentation.path("cropPadding").asInt() > 0 || augmentation.path("flip").asBoolean() ? "--augment"
                : "--no-augment");
        words.addAll(List.of("--seed", h.path("seed").asText(), "--format", settings.path("format").asText()));
        return String.join(" ", words);
    }
}
