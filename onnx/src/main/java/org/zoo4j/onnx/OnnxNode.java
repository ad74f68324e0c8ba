package org.zoo4j.onnx;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * The vertex an {@link OnnxConverter} writes: where it goes and what it reads.
 *
 * @param graph     the ONNX graph being written
 * @param name      the vertex's name in the DL4J graph (value names derive from it)
 * @param inputs    the ONNX values of its inputs, in order (a layer's already flattened when DL4J flattens it)
 * @param layer     the layer with its trained parameters; null for a vertex without parameters
 * @param inputType the DL4J activation type of its first input
 */
public record OnnxNode(OnnxGraph graph, String name, List<String> inputs, Layer layer, InputType inputType) {

    /** The first (for most, the only) input value. */
    public String input() {
        return inputs.get(0);
    }

    /** A trained parameter of the layer ({@code W}, {@code b}, {@code gamma}, ...). */
    public INDArray param(String key) {
        return layer.getParam(key);
    }

    public boolean hasParam(String key) {
        return layer.paramTable().containsKey(key);
    }

    /** The first input's type as a convolutional one (height, width, channels). */
    public InputType.InputTypeConvolutional convolutionalInput() {
        return (InputType.InputTypeConvolutional) inputType;
    }
}
