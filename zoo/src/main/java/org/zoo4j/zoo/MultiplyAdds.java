package org.zoo4j.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;

import java.util.Map;

/**
 * The multiply-adds of one forward pass of one image through a network's convolutions and fully connected layers:
 * what torchvision's weight tables and timm's results call GFLOPS (a multiply-add counted once; BatchNorm, activations,
 * pooling and additions left out, as they are a few percent).
 */
public final class MultiplyAdds {

    private MultiplyAdds() {
    }

    public static long of(Zoo4jModel model) {
        ModelOptions o = model.options();
        return of(model.conf(), InputType.convolutional(o.height(), o.width(), o.channels(), o.dataFormat()));
    }

    public static long of(ComputationGraphConfiguration conf, InputType input) {
        // on a copy with DL4J's preprocessors added (the flattening before a dense layer); the configuration is kept
        Map<String, InputType> outputs = conf.clone().getLayerActivationTypes(true, input);
        long total = 0;
        for (Map.Entry<String, org.deeplearning4j.nn.conf.graph.GraphVertex> e : conf.getVertices().entrySet()) {
            if (e.getValue() instanceof LayerVertex v && outputs.get(e.getKey()) != null) {
                total += of(v.getLayerConf().getLayer(), outputs.get(e.getKey()));
            }
        }
        return total;
    }

    private static long of(org.deeplearning4j.nn.conf.layers.Layer layer, InputType output) {
        if (layer instanceof ConvolutionLayer conv && output instanceof InputType.InputTypeConvolutional out) {
            long positions = out.getHeight() * out.getWidth();
            long window = (long) conv.getKernelSize()[0] * conv.getKernelSize()[1];
            if (layer instanceof DepthwiseConvolution2D) {
                return window * conv.getNOut() * positions;
            }
            if (layer instanceof SeparableConvolution2D separable) {
                long depthwise = conv.getNIn() * separable.getDepthMultiplier();
                return (window * depthwise + depthwise * conv.getNOut()) * positions;
            }
            return window * conv.getNIn() * conv.getNOut() * positions;
        }
        if (layer instanceof FeedForwardLayer dense && !(layer instanceof ConvolutionLayer)
                && output instanceof InputType.InputTypeFeedForward) {
            return dense.getNIn() * dense.getNOut();
        }
        return 0;
    }
}
