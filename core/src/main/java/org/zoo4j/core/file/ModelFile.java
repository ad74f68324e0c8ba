package org.zoo4j.core.file;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zoo4j.core.UntrustedText;
import org.zoo4j.core.Normalization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A network with its {@link ModelCard}: one kind of model file for every command and program. On disk it is a DL4J
 * {@link ModelSerializer} zip (so DL4J reads it as it is) with the card added as the UTF-8 JSON entry {@value #CARD};
 * training checkpoints add their state beside it. Nothing in it is Java-serialized, and reading one builds no Java
 * objects from it ({@link ModelZip}). Written atomically (temporary file, fsync, rename): a crash leaves the old
 * file or the complete new one.
 *
 * <p>{@link #load} also reads the files of earlier zoo4j versions (training checkpoints that kept their settings in
 * {@value #LEGACY_STATE}) and plain DL4J files, whose card is derived from the network (channels and layout from its
 * first convolution, input size unknown; labels "0".."n-1"; pixels assumed scaled to [0, 1], with a warning).
 */
public record ModelFile(ComputationGraph net, ModelCard card) {

    public static final String CARD = "zoo4j-card.json";
    /**
     * Where a checkpoint of a run that averages its weights (an EMA) keeps the averaged parameters beside the trained
     * ones: inference uses them ({@link #load(Path)}), training continues from the others
     * ({@link #load(Path, boolean)}).
     */
    public static final String AVERAGED_WEIGHTS = "zoo4j-averaged-weights.bin";
    /** Where zoo4j 0.1 checkpoints kept their training settings, class names included. */
    static final String LEGACY_STATE = "zoo4j-state.json";

    private static final Logger LOG = LoggerFactory.getLogger(ModelFile.class);

    /** @throws IllegalArgumentException when the card's class count is not the network's output size */
    public ModelFile {
        long outputs = net.getOutputLayer(0).getParam("b").length();
        if (outputs != card.numClasses()) {
            throw new IllegalArgumentException("the model card names " + card.numClasses() + " classes but the network "
                    + "predicts " + outputs);
        }
    }

    /** Writes the network (with its updater state when {@code withUpdater}, to continue training) and the card. */
    public void save(Path target, boolean withUpdater) throws IOException {
        save(target, withUpdater, Map.of());
    }

    /** As {@link #save(Path, boolean)}, with further named text entries (a trainer's state) in the same write. */
    public void save(Path target, boolean withUpdater, Map<String, String> entries) throws IOException {
        save(target, withUpdater, entries, null);
    }

    /** As {@link #save(Path, boolean, Map)}, with the run's averaged parameters when {@code averaged} is not null. */
    public void save(Path target, boolean withUpdater, Map<String, String> entries, INDArray averaged)
            throws IOException {
        Path tmp = AtomicFiles.temporaryFor(target);
        try {
            Map<String, String> text = new LinkedHashMap<>();
            text.put(CARD, card.toJson());
            text.putAll(entries);
            ModelZip.write(tmp, net, withUpdater, text, averaged);
            AtomicFiles.commit(tmp, target.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp); // whatever was there before stays as it was
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a model file for inference and fine-tuning: without its updater state, and with its averaged parameters
     * (the weights a run with an EMA validated) where it has them.
     */
    public static ModelFile load(Path file) throws IOException {
        return load(file, false, true);
    }

    /** A checkpoint's averaged parameters ({@value #AVERAGED_WEIGHTS}), or null when it has none. */
    public static INDArray averagedWeights(Path file) throws IOException {
        return read(file, () -> ModelZip.averaged(file));
    }

    /**
     * Reads a model file as untrusted data (see {@link ModelZip}): no Java objects are built from it, and every entry
     * is read within a limit. The network holds the trained parameters, as training continues from them.
     *
     * @throws IOException naming the file when it is missing, damaged or not a DL4J ComputationGraph
     */
    public static ModelFile load(Path file, boolean withUpdater) throws IOException {
        return load(file, withUpdater, false);
    }

    private static ModelFile load(Path file, boolean withUpdater, boolean averaged) throws IOException {
        ModelZip.Contents contents = read(file, withUpdater, Set.of(CARD, LEGACY_STATE));
        try {
            ComputationGraph net = contents.net();
            if (averaged && contents.averaged() != null) {
                net.setParams(contents.averaged());
            }
            ModelCard card;
            if (contents.text().containsKey(CARD)) {
                card = ModelCard.fromJson(contents.text().get(CARD));
            } else if (contents.text().containsKey(LEGACY_STATE)) {
                card = legacyCard(net, contents.text().get(LEGACY_STATE));
            } else {
                card = derivedCard(net);
                LOG.warn("{} has no zoo4j model card: labels 0..{}, pixels assumed scaled to [0, 1]", file,
                        card.numClasses() - 1);
            }
            return new ModelFile(net, card);
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e);
        }
    }

    /** Reads one named text entry of a model file, or null when it has none. */
    public static String entry(Path file, String name) throws IOException {
        return read(file, () -> ModelZip.text(file, Set.of(name))).get(name);
    }

    private static ModelZip.Contents read(Path file, boolean withUpdater, Set<String> text) throws IOException {
        return read(file, () -> ModelZip.read(file, withUpdater, text));
    }

    private interface ZipRead<T> {
        T run() throws IOException;
    }

    private static <T> T read(Path file, ZipRead<T> read) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no model file here");
        }
        try {
            return read.run();
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, e);
        }
    }

    private static IOException unreadable(Path file, Exception e) {
        return new IOException(file + " is not a readable DL4J model file (" + UntrustedText.oneLine(e.getMessage())
                + ")", e);
    }

    private static ModelCard derivedCard(ComputationGraph net) {
        int classes = (int) net.getOutputLayer(0).getParam("b").length();
        List<String> labels = IntStream.range(0, classes).mapToObj(String::valueOf).toList();
        return new ModelCard("unknown", inputShape(net), layout(net), Normalization.SCALE_01, labels,
                "unknown: a DL4J model file without a zoo4j model card");
    }

    /** zoo4j 0.1 checkpoints: a CIFAR-10 run's options and class names (32x32 RGB images). */
    private static ModelCard legacyCard(ComputationGraph net, String stateJson) throws IOException {
        JsonNode state = new ObjectMapper().readTree(stateJson);
        JsonNode options = state.path("options");
        List<String> labels = new ArrayList<>();
        state.path("classNames").forEach(n -> labels.add(n.asText()));
        Normalization preprocessing = switch (options.path("normalization").asText()) {
            case "NONE" -> Normalization.NONE;
            case "SCALE_01" -> Normalization.SCALE_01;
            default -> Normalization.CIFAR10;
        };
        return new ModelCard(options.path("model").asText("unknown"), new int[]{3, 32, 32}, layout(net), preprocessing,
                labels, "trained by zoo4j train (" + state.path("epochsDone").asInt() + " epochs; a zoo4j 0.1 checkpoint)");
    }

    /**
     * The network's first convolution, which tells the input's channels and layout (DL4J keeps no input type in a
     * built configuration).
     */
    private static ConvolutionLayer firstConvolution(ComputationGraph net) {
        for (String name : net.getConfiguration().getTopologicalOrderStr()) {
            if (net.getConfiguration().getVertices().get(name) instanceof LayerVertex v
                    && v.getLayerConf().getLayer() instanceof ConvolutionLayer conv) {
                return conv;
            }
        }
        throw new IllegalArgumentException("zoo4j reads image models, and this network has no convolution");
    }

    /** Channels from the first convolution; height and width are not recorded in a plain DL4J file (0: unknown). */
    private static int[] inputShape(ComputationGraph net) {
        return new int[]{(int) firstConvolution(net).getNIn(), 0, 0};
    }

    private static CNN2DFormat layout(ComputationGraph net) {
        return firstConvolution(net).getCnn2dDataFormat();
    }
}
