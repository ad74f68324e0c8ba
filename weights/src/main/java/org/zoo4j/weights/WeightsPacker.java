package org.zoo4j.weights;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;
import org.zoo4j.core.file.AtomicFiles;
import org.zoo4j.core.file.ModelCard;
import org.zoo4j.core.file.ModelFile;
import org.zoo4j.core.inference.Evaluator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Turns a training checkpoint into a shipped weight file: the network without its updater state, a card that says
 * how it was trained and how it tests, and an entry in {@code weights.json} with its SHA-256, the run's record
 * (settings, epochs, wall time, images/s, history, data provenance) and its test accuracy.
 */
public final class WeightsPacker {

    /** Where a zoo4j checkpoint keeps its run's state (the train module's {@code Checkpoints.STATE}). */
    static final String STATE = "zoo4j-training.json";

    private WeightsPacker() {
    }

    /**
     * Test images the run never saw, as the network's card asks for them (size, normalisation, layout).
     *
     * @param source   what they are, in words (e.g. the file they come from)
     * @param images   how many
     * @param iterator their batches, for a card
     */
    public record TestSet(String source, int images, Function<ModelCard, DataSetIterator> iterator) {
    }

    /**
     * Writes {@code DIR/TAG.zip} and updates {@code DIR/weights.json}; returns the entry. The network is evaluated on
     * {@code test} once, here: that accuracy goes into the card and the entry, whatever the run validated on.
     *
     * @param test    the test images (CIFAR-10's test batch)
     * @param license the weights' license, or null to state none
     */
    public static Pretrained pack(Path checkpoint, TestSet test, String tag, String provenance, String license,
                                  Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode training = runRecord(json, checkpoint);
        training.put("data", provenance);
        int epochs = training.path("epochs").asInt();

        ModelFile model = ModelFile.load(checkpoint);
        ModelCard trained = model.card();
        double accuracy = Evaluator.evaluate(model.net(), test.iterator().apply(trained), trained.labels()).accuracy();
        training.putObject("test").put("accuracy", accuracy).put("images", test.images()).put("data", test.source());
        // a shipped file is for inference and fine-tuning (which sets its own updater): without the training run's
        // updater, its configuration names no class of zoo4j-train (the learning-rate schedule), so zoo4j-zoo alone
        // reads it
        for (org.deeplearning4j.nn.api.Layer layer : model.net().getLayers()) {
            if (layer.conf().getLayer() instanceof BaseLayer base) {
                base.setIUpdater(new NoOp());
            }
        }
        ModelCard card = trained.withWeights(String.format(Locale.ROOT, "zoo4j's %s: trained by zoo4j train, %d "
                + "epochs; test accuracy %.4f on %s (%,d images); %s", tag, epochs, accuracy, test.source(),
                test.images(), provenance));
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
