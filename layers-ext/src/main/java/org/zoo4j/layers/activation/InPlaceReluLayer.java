package org.zoo4j.layers.activation;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.layers.OneDnn;

/**
 * The instantiated {@link InPlaceRelu}: ReLU over its input's own buffer, the derivative from that result (on oneDNN
 * for float tensors when its natives load, else libnd4j's {@code relu_bp}).
 */
final class InPlaceReluLayer extends ActivationLayer {

    private final OneDnnReluBackward oneDnnBackward = OneDnn.available() ? new OneDnnReluBackward() : null;

    InPlaceReluLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Nd4j.exec(new RectifiedLinear(input, input, 0.0));
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, input);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        // input now holds relu(x): positive exactly where x was, which is all the derivative needs
        INDArray gradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.shape(), 'c');
        if (oneDnnBackward != null && input.dataType() == DataType.FLOAT) {
            oneDnnBackward.run(input, epsilon, gradient);
        } else {
            Nd4j.exec(new RectifiedLinearDerivative(input, epsilon, gradient));
        }
        return new Pair<>(new DefaultGradient(), gradient);
    }
}
