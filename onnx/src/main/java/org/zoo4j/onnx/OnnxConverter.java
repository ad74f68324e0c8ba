package org.zoo4j.onnx;

/**
 * Writes one kind of DL4J layer or graph vertex configuration as ONNX nodes; {@link OnnxConverters} holds one per
 * class, and a class (or a superclass of it) with a converter is what "exportable" means. A layer's activation is
 * appended after what its converter writes.
 *
 * @param <T> the layer ({@code org.deeplearning4j.nn.conf.layers.Layer}) or vertex
 *            ({@code org.deeplearning4j.nn.conf.graph.GraphVertex}) configuration class
 */
@FunctionalInterface
public interface OnnxConverter<T> {

    /** Appends the nodes that compute {@code conf} on {@code node}'s inputs and returns the name of their output. */
    String convert(T conf, OnnxNode node);

    /** Whether this configuration has an ONNX form (a pooling type ONNX lacks, for one, has not). */
    default boolean accepts(T conf) {
        return true;
    }
}
