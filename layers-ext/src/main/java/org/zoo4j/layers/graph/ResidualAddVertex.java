package org.zoo4j.layers.graph;

import java.util.Arrays;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runtime side of {@link ResidualAdd}: one addition forward; backward, one gradient array for both inputs (moved into
 * this vertex's workspace: the one it arrives in may be reused before the inputs' backward passes run).
 */
public class ResidualAddVertex extends ParameterFreeVertex {

    public ResidualAddVertex(ComputationGraph graph, String name, int vertexIndex, DataType dataType) {
        super(graph, name, vertexIndex, dataType);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward()) {
            throw new IllegalStateException("residual add '" + getVertexName() + "': inputs not set");
        }
        if (inputs.length != 2 || !inputs[0].equalShapes(inputs[1])) {
            throw new IllegalStateException("residual add '" + getVertexName() + "' adds two inputs of one shape, got "
                    + Arrays.toString(Arrays.stream(inputs).map(a -> Arrays.toString(a.shape())).toArray()));
        }
        INDArray sum = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, inputs[0].dataType(),
                inputs[0].shape(), 'c');
        return inputs[0].add(inputs[1], sum);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward()) {
            throw new IllegalStateException("residual add '" + getVertexName() + "': epsilon not set");
        }
        INDArray gradient = workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, epsilon);
        return new Pair<>(null, new INDArray[] {gradient, gradient});
    }

    @Override
    public String toString() {
        return "ResidualAddVertex(name=\"" + getVertexName() + "\")";
    }
}
