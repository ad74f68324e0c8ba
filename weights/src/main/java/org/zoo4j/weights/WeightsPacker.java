package org.zoo4j.weights;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.zoo4j.zoo.file.AtomicFiles;
import org.zoo4j.zoo.file.ModelCard;
import org.zoo4j.zoo.file.ModelFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a training checkpoint into a shipped weight file: the network without its updater state, a card that says
 * how it was trained, and an entry in {@code weights.json} with its SHA-256 and the run's record (settings, epochs,
 * wall time, images/s, validation accuracy, data provenance).
 */
public final class WeightsPacker {

    /** Where a zoo4j checkpoint keeps its run's state (the train module's {@code Checkpoints.STATE}). */
    static final String STATE = "zoo4j-training.json";

    private WeightsPacker() {
    }

    /** Writes {@code DIR/TAG.zip} and updates {@code DIR/weights.json}; returns the entry. */
    public static Pretrained pack(Path checkpoint, String tag, String provenance, Path dir) throws IOException {
        String stateJson = ModelFile.entry(checkpoint, STATE);
        if (stateJson == null) {
            throw new IllegalArgumentException(checkpoint + " is not a training checkpoint (no " + STATE + ")");
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode state = json.readTree(stateJson);
        JsonNode history = state.path("history");
        if (!history.isArray() || history.isEmpty()) {
            throw new IllegalArgumentException(checkpoint + " records no finished epoch");
        }
        double seconds = 0;
        double images = 0;
        for (JsonNode epoch : history) {
            seconds += epoch.path("seconds").asDouble();
            images += epoch.path("imagesPerSecond").asDouble() * epoch.path("seconds").asDouble();
        }
        JsonNode last = history.get(history.size() - 1);
        ObjectNode training = json.createObjectNode();
        training.set("settings", json.readTree(state.path("settings").asText()));
        training.put("epochs", state.path("epochsDone").asInt());
        training.put("wall_seconds", Math.round(seconds));
        training.put("images_per_second", Math.round(images / seconds));
        training.put("val_accuracy", last.path("valAccuracy").asDouble());
        training.put("data", provenance);
        training.set("history", history);

        ModelFile model = ModelFile.load(checkpoint);
        // a shipped file is for inference and fine-tuning (which sets its own updater): without the training run's
        // updater, its configuration names no class of zoo4j-train (the learning-rate schedule), so zoo4j-zoo alone
        // reads it
        for (org.deeplearning4j.nn.api.Layer layer : model.net().getLayers()) {
            if (layer.conf().getLayer() instanceof BaseLayer base) {
                base.setIUpdater(new NoOp());
            }
        }
        ModelCard card = model.card().withWeights(String.format(Locale.ROOT, "zoo4j's %s: trained by zoo4j train, %d "
                        + "epochs, validation accuracy %.4f; %s", tag, state.path("epochsDone").asInt(),
                last.path("valAccuracy").asDouble(), provenance));
        Files.createDirectories(dir);
        Path file = dir.resolve(tag + ".zip");
        new ModelFile(model.net(), card).save(file, false);

        Pretrained entry = new Pretrained(tag, file.getFileName().toString(),
                PretrainedWeights.sha256(Files.readAllBytes(file)), training);
        Path index = dir.resolve(PretrainedWeights.INDEX);
        List<Pretrained> entries = new ArrayList<>();
        if (Files.exists(index)) {
            for (JsonNode n : json.readTree(index.toFile())) {
                Pretrained p = json.treeToValue(n, Pretrained.class);
                if (!p.tag().equals(tag)) {
                    entries.add(p);
                }
            }
        }
        entries.add(entry);
        ArrayNode out = json.valueToTree(entries);
        Path tmp = AtomicFiles.temporaryFor(index);
        Files.writeString(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n");
        AtomicFiles.commit(tmp, index.toAbsolutePath());
        return entry;
    }
}
