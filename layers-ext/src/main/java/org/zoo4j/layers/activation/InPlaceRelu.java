package org.zoo4j.layers.activation;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.layers.LayerInstances;

/**
 * A ReLU layer that overwrites its input, as PyTorch's {@code ReLU(inplace=True)}: DL4J's
 * {@code ActivationLayer(RELU)} copies its input in the forward pass (to keep it for backprop) and again in the
 * backward pass, and keeps both tensors alive until backprop. The ReLU's derivative only needs the sign, which
 * {@code relu(x)} keeps, so the copy buys nothing. Measured here (batch 128): resnet18 training peak memory 2.3 -> 2.1
 * GB, resnet20 training 285 -> 330 images/s together with dropping the backward copy.
 *
 * <p>Only correct where the layer is its input's sole consumer and the producing vertex's backward pass does not
 * read its own output: after BatchNorm, a convolution or an element-wise add, which is where zoo4j's models use it
 * (never on the network's input, which belongs to the caller).
 * DL4J's own ActivationLayer already overwrites its input at inference.
 */
public class InPlaceRelu extends ActivationLayer {

    public InPlaceRelu() {
        super(Activation.RELU);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        return LayerInstances.wire(new InPlaceReluLayer(conf, networkDataType), this, conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }
}
