package org.zoo4j.core.inference;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.zoo4j.layers.conv.ComputePrecision;
import org.zoo4j.layers.conv.FastConvolution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained network in its inference form: every convolution followed only by a BatchNorm takes the BatchNorm's
 * running statistics, scale and shift into its weights and bias, and a ReLU that follows only them becomes the
 * convolution's activation, so that three graph vertices and two passes over the activations become one (as
 * PyTorch's {@code fuse_conv_bn_eval} and ONNX Runtime's graph optimisations do). The folded network computes what
 * the original computes in inference mode, up to float rounding; it cannot be trained on (no BatchNorm).
 */
public final class BatchNormFolding {

    private BatchNormFolding() {
    }

    /**
     * The folded copy of {@code net} (itself when nothing folds), computing in the precision {@code net} computes in;
     * {@code net} is left as it was. Vertices that are not folded keep their names and parameters; a folded
     * convolution keeps its name and answers for the BatchNorm and ReLU it absorbed.
     */
    public static ComputationGraph fold(ComputationGraph net) {
        // a copy through JSON, as model files store it: clone() loses a MergeVertex's NHWC axis
        ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(net.getConfiguration().toJson());
        Map<String, GraphVertex> vertices = conf.getVertices();
        Map<String, String> normOf = new LinkedHashMap<>(); // folded convolution -> the BatchNorm it absorbed
        for (String conv : new ArrayList<>(vertices.keySet())) {
            String norm = soleConsumer(conf, conv);
            if (!plainConvolution(vertices.get(conv)) || norm == null
                    || !(layer(vertices.get(norm)) instanceof BatchNormalization)) {
                continue;
            }
            ConvolutionLayer layer = (ConvolutionLayer) layer(vertices.get(conv)).clone();
            layer.setHasBias(true);
            bypass(conf, norm, conv);
            String relu = soleConsumer(conf, conv);
            if (relu != null && layer(vertices.get(relu)) instanceof ActivationLayer activation
                    && activation.getActivationFn() instanceof ActivationReLU) {
                layer.setActivationFn(new ActivationReLU());
                bypass(conf, relu, conv);
            }
            LayerVertex original = (LayerVertex) vertices.get(conv);
            NeuralNetConfiguration layerConf = original.getLayerConf().clone();
            layerConf.setLayer(layer);
            vertices.put(conv, new LayerVertex(layerConf, original.getPreProcessor()));
            normOf.put(conv, norm);
        }
        if (normOf.isEmpty()) {
            return net;
        }
        conf.setTopologicalOrder(null); // recorded in the JSON; init computes the new graph's
        conf.setTopologicalOrderStr(null);
        ComputationGraph out = new ComputationGraph(conf);
        out.init();
        for (org.deeplearning4j.nn.api.Layer target : out.getLayers()) {
            String name = target.conf().getLayer().getLayerName();
            if (!normOf.containsKey(name)) {
                net.getLayer(name).paramTable().forEach((key, value) -> target.setParam(key, value.dup()));
            }
        }
        normOf.forEach((conv, norm) -> foldParameters(net, conv, norm, out));
        ComputePrecision precision = ComputePrecision.of(net);
        if (precision != ComputePrecision.FLOAT32) {
            precision.applyTo(out);
        }
        return out;
    }

    /** W' = W * s and b' = (b - mean) * s + beta per output channel, with s = gamma / sqrt(var + eps). */
    private static void foldParameters(ComputationGraph net, String conv, String norm, ComputationGraph out) {
        org.deeplearning4j.nn.api.Layer bn = net.getLayer(norm);
        BatchNormalization bnConf = (BatchNormalization) bn.conf().getLayer();
        INDArray std = (bnConf.isUseLogStd() ? Transforms.exp(bn.getParam("log10stdev").mul(Math.log(10)), false)
                : Transforms.sqrt(bn.getParam("var").add(bnConf.getEps()), false)).reshape(-1);
        long channels = std.length();
        INDArray gamma = bnConf.isLockGammaBeta() ? Nd4j.valueArrayOf(new long[]{channels}, bnConf.getGamma(), std.dataType())
                : bn.getParam("gamma").reshape(-1);
        INDArray beta = bnConf.isLockGammaBeta() ? Nd4j.valueArrayOf(new long[]{channels}, bnConf.getBeta(), std.dataType())
                : bn.getParam("beta").reshape(-1);
        INDArray scale = gamma.div(std);
        org.deeplearning4j.nn.api.Layer source = net.getLayer(conv);
        INDArray weights = source.getParam("W");
        INDArray bias = ((ConvolutionLayer) source.conf().getLayer()).hasBias()
                ? source.getParam("b").reshape(-1) : Nd4j.zeros(std.dataType(), channels);
        long[] perChannel = new long[weights.rank()];
        Arrays.fill(perChannel, 1);
        perChannel[0] = channels;
        org.deeplearning4j.nn.api.Layer target = out.getLayer(conv);
        target.setParam("W", weights.mul(scale.reshape(perChannel)));
        target.setParam("b", bias.sub(bn.getParam("mean").reshape(-1)).muli(scale).addi(beta)
                .reshape(target.getParam("b").shape()));
    }

    /** A convolution whose weights are [out, in, kH, kW] and whose output is its pre-activation. */
    private static boolean plainConvolution(GraphVertex vertex) {
        Layer layer = layer(vertex);
        return layer != null && (layer.getClass() == ConvolutionLayer.class || layer.getClass() == FastConvolution.class)
                && ((ConvolutionLayer) layer).getActivationFn() instanceof ActivationIdentity;
    }

    private static Layer layer(GraphVertex vertex) {
        return vertex instanceof LayerVertex layerVertex && layerVertex.getPreProcessor() == null
                ? layerVertex.getLayerConf().getLayer() : null;
    }

    /** The one vertex that reads {@code name}'s output, or null when there are others or it is a network output. */
    private static String soleConsumer(ComputationGraphConfiguration conf, String name) {
        if (conf.getNetworkOutputs().contains(name)) {
            return null;
        }
        List<String> consumers = conf.getVertexInputs().entrySet().stream()
                .filter(e -> e.getValue().contains(name)).map(Map.Entry::getKey).toList();
        return consumers.size() == 1 && conf.getVertexInputs().get(consumers.get(0)).size() == 1 ? consumers.get(0)
                : null;
    }

    /** Removes {@code vertex}, whose sole input is {@code input}; its consumers read {@code input} instead. */
    private static void bypass(ComputationGraphConfiguration conf, String vertex, String input) {
        conf.getVertices().remove(vertex);
        conf.getVertexInputs().remove(vertex);
        conf.getVertexInputs().values().forEach(inputs -> inputs.replaceAll(v -> v.equals(vertex) ? input : v));
    }
}
