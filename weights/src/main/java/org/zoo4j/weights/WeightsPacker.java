package org.zoo4j.weights;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.zoo4j.core.file.AtomicFiles;
import org.zoo4j.core.file.ModelCard;
import org.zoo4j.core.file.ModelFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /**
     * Writes {@code DIR/TAG.zip} and updates {@code DIR/weights.json}; returns the entry.
     *
     * @param selection the checkpoint of the run that chose the recipe by validation (the same recipe on a part of
     *                  the data, another part held out), when {@code checkpoint}'s run validated on nothing (a final
     *                  model on all the data); null when {@code checkpoint}'s own validation accuracy is the one to
     *                  report
     * @param license   the weights' license, or null to state none
     */
    public static Pretrained pack(Path checkpoint, Path selection, String tag, String provenance, String license,
                                  Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode training = runRecord(json, checkpoint);
        training.put("data", provenance);
        double accuracy = training.path("val_accuracy").asDouble(Double.NaN);
        String validated = "validation accuracy";
        if (selection != null) {
            ObjectNode chosen = runRecord(json, selection);
            training.set("selection", chosen);
            accuracy = chosen.path("val_accuracy").asDouble(Double.NaN);
            training.put("val_accuracy", accuracy);
            validated = "its recipe's validation accuracy (weights.json: selection)";
        }
        if (Double.isNaN(accuracy)) {
            throw new IllegalArgumentException(checkpoint + " records no validation accuracy (its run validated on "
                    + "nothing): give the checkpoint of the run that selected the recipe");
        }
        int epochs = training.path("epochs").asInt();

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
                + "epochs, %s %.4f; %s", tag, epochs, validated, accuracy, provenance));
        Files.createDirectories(dir);
        Path file = dir.resolve(tag + ".zip");
        new ModelFile(model.net(), card).save(file, false);

        Pretrained entry = new Pretrained(tag, file.getFileName().toString(),
                PretrainedWeights.sha256(Files.readAllBytes(file)), training, license);
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
        AtomicFiles.write(index, (json.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return entry;
    }

    /** A run's record from its checkpoint: settings, epochs, wall time, images/s, last validation accuracy, history. */
    private static ObjectNode runRecord(ObjectMapper json, Path checkpoint) throws IOException {
        String stateJson = ModelFile.entry(checkpoint, STATE);
        if (stateJson == null) {
            throw new IllegalArgumentException(checkpoint + " is not a training checkpoint (no " + STATE + ")");
        }
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
        ObjectNode record = json.createObjectNode();
        record.set("settings", json.readTree(state.path("settings").asText()));
        record.put("epochs", state.path("epochsDone").asInt());
        record.put("wall_seconds", Math.round(seconds));
        record.put("images_per_second", Math.round(images / seconds));
        record.put("val_accuracy", history.get(history.size() - 1).path("valAccuracy").asDouble(Double.NaN));
        record.set("history", history);
        return record;
    }
}
