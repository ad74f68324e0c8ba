package org.zoo4j.layers.conv;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.zoo4j.layers.OneDnn;

/**
 * The number format zoo4j's oneDNN convolutions compute in. {@link #BFLOAT16} is mixed precision the way PyTorch's
 * bfloat16 autocast runs convolutions on a CPU: their inputs, weights and output gradients are rounded to bfloat16
 * for oneDNN's bfloat16 kernels, which accumulate in float; everything else stays float: the weights and their
 * updates (the master copy), the gradients handed to the updater, BatchNorm, activations between layers, the loss.
 * It needs a CPU with AVX512-BF16 or AMX, and a model in NHWC (where zoo4j's oneDNN convolution runs). A precision is
 * a way of running a network, not part of it: model files do not record it.
 */
public enum ComputePrecision {
    FLOAT32,
    BFLOAT16;

    /** Why this machine cannot compute in this precision, or null when it can. */
    public String unavailableReason() {
        if (this == FLOAT32) {
            return null;
        }
        if (!OneDnn.available()) {
            return "oneDNN is unavailable here (" + OneDnn.unavailableReason() + ")";
        }
        return OneDnn.hasBfloat16Kernels() ? null
                : "this CPU has neither AVX512-BF16 nor AMX, which oneDNN's bfloat16 kernels need";
    }

    /**
     * Makes every zoo4j convolution of {@code net} compute in this precision.
     *
     * @return how many convolutions it applies to
     * @throws IllegalStateException when the machine or a convolution of the network cannot compute in it
     */
    public int applyTo(ComputationGraph net) {
        return applyTo(net.getLayers());
    }

    /** {@link #applyTo(ComputationGraph)} for a {@link MultiLayerNetwork}. */
    public int applyTo(MultiLayerNetwork net) {
        return applyTo(net.getLayers());
    }

    /** What {@code net}'s zoo4j convolutions compute in: the precision last applied to it (float32 by default). */
    public static ComputePrecision of(ComputationGraph net) {
        for (Layer layer : net.getLayers()) {
            while (layer instanceof BaseWrapperLayer wrapper) {
                layer = wrapper.getUnderlying();
            }
            if (layer instanceof FastConvolutionLayer convolution && convolution.precision() != FLOAT32) {
                return convolution.precision();
            }
        }
        return FLOAT32;
    }

    private int applyTo(Layer[] layers) {
        String reason = unavailableReason();
        if (reason != null) {
            throw new IllegalStateException(name().toLowerCase() + " compute is unavailable: " + reason);
        }
        int applied = 0;
        for (Layer layer : layers) {
            while (layer instanceof BaseWrapperLayer wrapper) { // frozen layers of a fine-tuned network
                layer = wrapper.getUnderlying();
            }
            if (layer instanceof FastConvolutionLayer convolution) {
                convolution.precision(this);
                applied++;
            }
        }
        if (applied == 0 && this != FLOAT32) {
            throw new IllegalStateException("the network has no zoo4j convolution (FastConvolution) to compute in "
                    + name().toLowerCase());
        }
        return applied;
    }
}
