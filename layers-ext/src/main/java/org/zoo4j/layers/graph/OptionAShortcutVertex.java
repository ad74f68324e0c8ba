package org.zoo4j.layers.graph;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Runtime side of {@link OptionAShortcut}: forward writes the strided input into a zeroed output's centre
 * channels; backward routes the centre channels of the gradient back to the sampled positions. */
public class OptionAShortcutVertex extends ParameterFreeVertex {

    private final OptionAShortcut conf;
    private long[] inputShape;

    public OptionAShortcutVertex(ComputationGraph graph, String name, int vertexIndex, OptionAShortcut conf,
                                 DataType dataType) {
        super(graph, name, vertexIndex, dataType);
        this.conf = conf;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("Option-A shortcut '" + getVertexName() + "': input not set");
        }
        INDArray in = inputs[0];
        if (in.rank() != 4) {
            throw new IllegalStateException("Option-A shortcut '" + getVertexName() + "' expects rank-4 activations, got "
                    + java.util.Arrays.toString(in.shape()));
        }
        inputShape = in.shape().clone();
        boolean nchw = conf.getFormat() == CNN2DFormat.NCHW;
        long channels = in.size(nchw ? 1 : 3);
        long h = in.size(nchw ? 2 : 1);
        long w = in.size(nchw ? 3 : 2);
        long[] outShape = nchw
                ? new long[]{in.size(0), conf.getOutChannels(), conf.subsampled(h), conf.subsampled(w)}
                : new long[]{in.size(0), conf.subsampled(h), conf.subsampled(w), conf.getOutChannels()};
        INDArray out = workspaceMgr.create(ArrayType.ACTIVATIONS, in.dataType(), outShape);
        out.get(centre(channels)).assign(in.get(sampled(h, w, channels)));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("Option-A shortcut '" + getVertexName() + "': epsilon not set");
        }
        boolean nchw = conf.getFormat() == CNN2DFormat.NCHW;
        long channels = inputShape[nchw ? 1 : 3];
        INDArray grad = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), inputShape);
        grad.get(sampled(inputShape[nchw ? 2 : 1], inputShape[nchw ? 3 : 2], channels))
                .assign(epsilon.get(centre(channels)));
        return new Pair<>(null, new INDArray[]{grad});
    }

    /** The output channels that carry the input: the middle {@code channels} of {@code outChannels}. */
    private INDArrayIndex[] centre(long channels) {
        int pad = conf.padding(channels);
        INDArrayIndex c = NDArrayIndex.interval(pad, pad + channels);
        return conf.getFormat() == CNN2DFormat.NCHW
                ? new INDArrayIndex[]{NDArrayIndex.all(), c, NDArrayIndex.all(), NDArrayIndex.all()}
                : new INDArrayIndex[]{NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), c};
    }

    /** Every stride-th row and column of the input, starting at 0. */
    private INDArrayIndex[] sampled(long h, long w, long channels) {
        INDArrayIndex rows = NDArrayIndex.interval(0, conf.getStride(), h);
        INDArrayIndex cols = NDArrayIndex.interval(0, conf.getStride(), w);
        return conf.getFormat() == CNN2DFormat.NCHW
                ? new INDArrayIndex[]{NDArrayIndex.all(), NDArrayIndex.interval(0, channels), rows, cols}
                : new INDArrayIndex[]{NDArrayIndex.all(), rows, cols, NDArrayIndex.interval(0, channels)};
    }

    @Override
    public String toString() {
        return "OptionAShortcutVertex(name=\"" + getVertexName() + "\", stride=" + conf.getStride() + ", outChannels="
                + conf.getOutChannels() + ")";
    }
}
