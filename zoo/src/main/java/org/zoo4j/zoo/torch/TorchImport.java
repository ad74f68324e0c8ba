package org.zoo4j.zoo.torch;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.zoo.WeightAssignment;
import org.zoo4j.zoo.Zoo4jModel;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Fills a zoo model with PyTorch weights: tensors keyed by {@code state_dict} name ({@link TorchWeights} reads them
 * from .safetensors, .pth/.pt and .npz files), matched by the family's PyTorch names, converted to DL4J's layouts
 * (convolution OIHW as
 * is, Linear [out, in] transposed to [in, out], BatchNorm gamma/beta/mean/variance as they are: zoo4j's BatchNorm
 * layers store the variance, not DL4J's default log10 standard deviation).
 * Every missing, unexpected or mis-shaped tensor is reported at once, and the network is only touched when there is
 * none.
 */
public final class TorchImport {

    private TorchImport() {
    }

    /** A new network of {@code model} holding the given PyTorch weights. */
    public static ComputationGraph load(Zoo4jModel model, Map<String, INDArray> tensors) {
        Map<String, String> names = model.torchReference().orElseThrow(() -> new IllegalArgumentException(
                model.modelName() + " is Keras-exact (the seed notebook's), with no PyTorch counterpart to import from; "
                        + "importable: the resnet, vgg13_bn, vgg13_imagenet and densenet models")).moduleNames();
        ComputationGraph net = model.init();
        WeightAssignment weights = new WeightAssignment(model.modelName());
        TreeSet<String> unused = new TreeSet<>(tensors.keySet());
        unused.removeIf(k -> k.startsWith("__") || k.endsWith("num_batches_tracked"));
        names.forEach((vertex, torch) -> {
            Layer layer = net.getLayer(vertex);
            for (Map.Entry<String, String> param : params(layer).entrySet()) {
                String key = torch + "." + param.getValue();
                unused.remove(key);
                weights.stage(vertex, param.getKey(), layer.getParam(param.getKey()), key, tensors.get(key),
                        source -> convert(layer, param.getKey(), source), "");
            }
        });
        String prefix = sharedPrefix(unused);
        unused.forEach(k -> weights.problem("unexpected " + k + " " + Arrays.toString(tensors.get(k).shape())));
        weights.assign(prefix.isEmpty() || unused.size() < tensors.size() / 2 ? ""
                : "Every name in the file starts with '" + prefix + "', which " + model.modelName() + "'s names do "
                + "not (a wrapped model): save the inner model's state_dict instead.");
        return net;
    }

    /** The dotted prefix ("module.") that every name shares, or "" when they share none. */
    static String sharedPrefix(java.util.Collection<String> names) {
        String prefix = null;
        for (String name : names) {
            String first = name.contains(".") ? name.substring(0, name.indexOf('.') + 1) : "";
            if (prefix == null) {
                prefix = first;
            } else if (!prefix.equals(first)) {
                return "";
            }
        }
        return prefix == null ? "" : prefix;
    }

    /** DL4J parameter key to state_dict suffix. */
    private static Map<String, String> params(Layer layer) {
        Map<String, String> out = new LinkedHashMap<>();
        Object conf = layer.conf().getLayer();
        Map<String, INDArray> table = layer.paramTable();
        if (conf instanceof BatchNormalization) {
            out.put("gamma", "weight");
            out.put("beta", "bias");
            out.put("mean", "running_mean");
            out.put("var", "running_var");
        } else {
            out.put("W", "weight");
            if (table.containsKey("b")) {
                out.put("b", "bias");
            }
        }
        return out;
    }

    /** The tensor in DL4J's layout (Linear's [out, in] transposed), or null when its rank cannot fit. */
    private static INDArray convert(Layer layer, String param, INDArray source) {
        Object conf = layer.conf().getLayer();
        boolean linear = conf instanceof DenseLayer || conf instanceof BaseOutputLayer;
        if (param.equals("W") && linear) {
            return source.rank() == 2 ? source.transpose().dup() : null;
        }
        return source;
    }
}
