package org.zoo4j.zoo;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The core of every weight import (PyTorch's tensors, Keras' .h5 weights): each source tensor staged for its
 * parameter, converted to DL4J's layout, every missing, mis-shaped or surplus one collected, and the network's
 * parameters assigned only when there is no problem at all (a failed import leaves the network as it was).
 */
public final class WeightAssignment {

    private final String model;
    private final List<INDArray[]> staged = new ArrayList<>(); // {target, value}: INDArray keys would compare by value
    private final List<String> problems = new ArrayList<>();

    /** @param model the model's name, for the messages */
    public WeightAssignment(String model) {
        this.model = model;
    }

    /**
     * Stages {@code source} (named {@code key} in the file) for parameter {@code param} of {@code vertex}.
     *
     * @param source the file's tensor, or null when the file has none of that name
     * @param toDl4j the tensor in DL4J's layout, or null when its rank cannot be converted
     * @param layout the file's layout of such a tensor, in words for the message ("" when it is DL4J's)
     */
    public void stage(String vertex, String param, INDArray target, String key, INDArray source,
                      UnaryOperator<INDArray> toDl4j, String layout) {
        if (source == null) {
            problem("missing " + key + " (for " + vertex + " " + param + ", shape " + Arrays.toString(target.shape())
                    + ")");
            return;
        }
        INDArray converted = toDl4j.apply(source);
        if (converted == null || converted.length() != target.length()
                || (converted.rank() > 1 && !Arrays.equals(converted.shape(), target.shape()))) {
            problem("shape of " + key + " is " + Arrays.toString(source.shape()) + ", " + vertex + " " + param
                    + " needs " + Arrays.toString(target.shape()) + (layout.isEmpty() ? "" : " (" + layout + ")"));
            return;
        }
        staged.add(new INDArray[]{target, converted.castTo(target.dataType()).reshape(target.shape())});
    }

    /** Anything else wrong with the file: a surplus tensor, a different number of layers. */
    public void problem(String problem) {
        problems.add(problem);
    }

    /**
     * Assigns every staged tensor.
     *
     * @param hint a sentence on the likely cause, added to the message when there are problems ("" for none)
     * @throws IllegalArgumentException listing every problem, one per line, when there is any; nothing is assigned
     */
    public void assign(String hint) {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cannot import into " + model + ": " + problems.size() + " problem(s)."
                    + (hint.isEmpty() ? "" : " " + hint) + "\n  " + String.join("\n  ", problems));
        }
        staged.forEach(a -> a[0].assign(a[1]));
    }
}
