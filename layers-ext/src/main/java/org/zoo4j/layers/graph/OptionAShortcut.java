package org.zoo4j.layers.graph;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * The parameter-free residual shortcut "option A" of He et al. (2016), section 4.2: subsample the input spatially
 * by {@code stride} (keeping every stride-th row and column, like {@code x[:, :, ::2, ::2]}) and zero-pad the
 * channels equally on both sides up to {@code outChannels}.
 *
 * <p>Runs as ND4J strided views and assigns (no parameters, nothing to learn).
 */
public class OptionAShortcut extends GraphVertex {

    private final int stride;
    private final int outChannels;
    private final CNN2DFormat format;

    public OptionAShortcut(@JsonProperty("stride") int stride, @JsonProperty("outChannels") int outChannels,
                           @JsonProperty("format") CNN2DFormat format) {
        if (stride < 1) {
            throw new IllegalArgumentException("Option-A shortcut stride must be >= 1, got " + stride);
        }
        if (outChannels < 1) {
            throw new IllegalArgumentException("Option-A shortcut outChannels must be >= 1, got " + outChannels);
        }
        this.stride = stride;
        this.outChannels = outChannels;
        this.format = format == null ? CNN2DFormat.NCHW : format;
    }

    public int getStride() {
        return stride;
    }

    public int getOutChannels() {
        return outChannels;
    }

    public CNN2DFormat getFormat() {
        return format;
    }

    @Override
    public OptionAShortcut clone() {
        return new OptionAShortcut(stride, outChannels, format);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionAShortcut v && v.stride == stride && v.outChannels == outChannels
                && v.format == format;
    }

    @Override
    public int hashCode() {
        return Objects.hash(stride, outChannels, format);
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new OptionAShortcutVertex(graph, name, idx, this, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        if (vertexInputs.length != 1 || !(vertexInputs[0] instanceof InputType.InputTypeConvolutional in)) {
            throw new InvalidInputTypeException("Option-A shortcut expects one convolutional input, got "
                    + java.util.Arrays.toString(vertexInputs));
        }
        padding(in.getChannels());
        return InputType.convolutional(subsampled(in.getHeight()), subsampled(in.getWidth()), outChannels,
                in.getFormat());
    }

    /** Channels added on each side; the difference must be even so the padding is symmetric, as in the paper. */
    int padding(long inChannels) {
        long extra = outChannels - inChannels;
        if (extra < 0 || extra % 2 != 0) {
            throw new InvalidInputTypeException("Option-A shortcut cannot pad " + inChannels + " channels to "
                    + outChannels + ": the difference must be even and non-negative");
        }
        return (int) (extra / 2);
    }

    long subsampled(long size) {
        return (size + stride - 1) / stride;
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        return new LayerMemoryReport.Builder(null, OptionAShortcut.class, inputTypes[0], out)
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }
}
