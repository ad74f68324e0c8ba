package org.zoo4j.core.file;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.zoo4j.core.Normalization;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a model file says about itself, so that any command or program can use it without knowing where it came from
 * (timm's pretrained config, in a DL4J file): the architecture, the input it takes, how pixels are preprocessed,
 * the names of its classes and the origin of its weights.
 *
 * @param architecture  a registry name ({@code resnet20}) or a user's own; "unknown" for foreign DL4J files
 * @param inputShape    channels, height, width, whatever the layout; height and width 0 when unknown (a DL4J file
 *                      written without a card)
 * @param layout        the layout the network's input is in
 * @param preprocessing how pixels become inputs
 * @param labels        class names in output order
 * @param weights       where the weights came from, in words (training run, imported file, fine-tuned from ...)
 */
public record ModelCard(String architecture, int[] inputShape, CNN2DFormat layout, Normalization preprocessing,
                        List<String> labels, String weights) {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest input a card may declare: a card comes with a user's file, and the input sizes every batch. */
    static final int MAX_SIDE = 8192;
    static final int MAX_CHANNELS = 64;

    public ModelCard {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(weights, "weights");
        if (inputShape == null || inputShape.length != 3 || inputShape[0] < 1 || inputShape[1] < 0
                || inputShape[2] < 0 || (inputShape[1] == 0) != (inputShape[2] == 0)) {
            throw new IllegalArgumentException("a model card's input shape is {channels, height, width} (height and "
                    + "width both 0 when unknown), got " + Arrays.toString(inputShape));
        }
        if (inputShape[0] > MAX_CHANNELS || inputShape[1] > MAX_SIDE || inputShape[2] > MAX_SIDE) {
            throw new IllegalArgumentException("a model card's input is at most " + MAX_CHANNELS + " channels of "
                    + MAX_SIDE + " x " + MAX_SIDE + " pixels, got " + Arrays.toString(inputShape));
        }
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("a model card needs the class labels");
        }
        inputShape = inputShape.clone();
        labels = List.copyOf(labels);
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** Whether the card records the input's height and width (cards written by zoo4j always do). */
    public boolean hasInputSize() {
        return inputShape[1] > 0;
    }

    public int numClasses() {
        return labels.size();
    }

    public int channels() {
        return inputShape[0];
    }

    public int height() {
        return inputShape[1];
    }

    public int width() {
        return inputShape[2];
    }

    public ModelCard withLabels(List<String> newLabels) {
        return new ModelCard(architecture, inputShape, layout, preprocessing, newLabels, weights);
    }

    public ModelCard withWeights(String origin) {
        return new ModelCard(architecture, inputShape, layout, preprocessing, labels, origin);
    }

    /** The same card for an input of {@code height x width} (for files that do not record it). */
    public ModelCard withInputSize(int height, int width) {
        return new ModelCard(architecture, new int[]{channels(), height, width}, layout, preprocessing, labels, weights);
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a model card is plain data and always serialises", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a complete card */
    public static ModelCard fromJson(String json) {
        try {
            return JSON.readValue(json, ModelCard.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable model card: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelCard c && c.architecture.equals(architecture) && Arrays.equals(c.inputShape, inputShape)
                && c.layout == layout && c.preprocessing.equals(preprocessing) && c.labels.equals(labels)
                && c.weights.equals(weights);
    }

    @Override
    public int hashCode() {
        return Objects.hash(architecture, Arrays.hashCode(inputShape), layout, preprocessing, labels, weights);
    }

    @Override
    public String toString() {
        String size = hasInputSize() ? height() + "x" + width() : "size unknown";
        return String.format("%s, input %d channels %s %s, %s, %d classes, weights: %s", architecture, channels(), size,
                layout, preprocessing, numClasses(), weights);
    }
}
