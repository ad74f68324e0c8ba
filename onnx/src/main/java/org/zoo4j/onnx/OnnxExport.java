package org.zoo4j.onnx;

import onnx.Onnx;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.zoo4j.core.file.AtomicFiles;
import org.zoo4j.core.file.ModelCard;
import org.zoo4j.core.file.ModelFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.zoo4j.onnx.OnnxGraph.integer;
import static org.zoo4j.onnx.OnnxGraph.ints;

/**
 * A model file as an ONNX model of standard operators, for ONNX Runtime and every other ONNX consumer: each layer and
 * vertex written by the {@link OnnxConverter} of its class ({@link OnnxConverters}: zoo4j's own, and those users
 * register), then its activation (Relu, Sigmoid, Tanh, Softmax). The graph works in NCHW whatever the DL4J model's
 * layout; its input is NCHW (or NHWC, with a Transpose, when asked), its output the model's softmax probabilities.
 * The model card goes into {@code metadata_props}. A layer or vertex with no converter (a user's own, until one is
 * registered) is refused by name and type, and nothing is written.
 */
public final class OnnxExport {

    public static final String INPUT = "input";
    public static final String OUTPUT = "probabilities";

    /**
     * @param opset  the ONNX operator set, 13 or newer (Slice/Pad/Softmax in the forms used here)
     * @param batch  a fixed batch size, or 0 for a dynamic one
     * @param layout the input layout of the ONNX graph (NCHW, ONNX's convention, unless NHWC is asked for)
     */
    public record Options(int opset, int batch, CNN2DFormat layout) {
        public static final Options DEFAULT = new Options(13, 0, CNN2DFormat.NCHW);

        public Options {
            if (opset < 13 || opset > 21) {
                throw new IllegalArgumentException("the ONNX opset must be 13..21, got " + opset);
            }
            if (batch < 0) {
                throw new IllegalArgumentException("the batch size must be >= 1, or 0 for a dynamic one, got " + batch);
            }
        }
    }

    private OnnxExport() {
    }

    /** Writes the ONNX model atomically; nothing is written when the model cannot be exported. */
    public static void write(ModelFile model, Options options, Path target) throws IOException {
        AtomicFiles.write(target, export(model, options).toByteArray());
    }

    /**
     * The ONNX model.
     *
     * @throws IllegalArgumentException naming every vertex that has no ONNX mapping, or a card without input size
     */
    public static Onnx.ModelProto export(ModelFile model, Options options) {
        ModelCard card = model.card();
        if (!card.hasInputSize()) {
            throw new IllegalArgumentException("the model file does not record its input size (a DL4J file without a "
                    + "zoo4j card): the ONNX input shape cannot be declared");
        }
        ComputationGraph net = model.net();
        ComputationGraphConfiguration conf = net.getConfiguration();
        List<String> unsupported = unsupported(net);
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException("cannot export to ONNX: " + unsupported.size() + " vertex(es) with no "
                    + "ONNX mapping (OnnxConverters.register adds one for a layer class):\n  "
                    + String.join("\n  ", unsupported));
        }

        Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder().setName(card.architecture());
        OnnxGraph g = new OnnxGraph(graph);
        graph.addInput(tensor(INPUT, options, options.layout() == CNN2DFormat.NHWC
                ? new long[]{card.height(), card.width(), card.channels()}
                : new long[]{card.channels(), card.height(), card.width()}));
        // on a copy: asking DL4J for the activation types may add preprocessors to the configuration
        Map<String, InputType> types = conf.clone().getLayerActivationTypes(true, InputType.convolutional(
                card.height(), card.width(), card.channels(), card.layout()));
        Map<String, String> values = new LinkedHashMap<>();
        String input = options.layout() == CNN2DFormat.NHWC
                ? g.node("Transpose", g.fresh(INPUT), List.of(INPUT), ints("perm", 0, 3, 1, 2)) : INPUT;
        values.put(conf.getNetworkInputs().get(0), input);
        for (String name : conf.getTopologicalOrderStr()) {
            GraphVertex v = conf.getVertices().get(name);
            if (v == null) {
                continue; // the network's input
            }
            List<String> inputs = conf.getVertexInputs().get(name).stream().map(values::get).toList();
            values.put(name, vertex(g, net, name, v, inputs, card.layout(), types));
        }
        String output = conf.getNetworkOutputs().get(0);
        g.node("Identity", OUTPUT, List.of(values.get(output)));
        graph.addOutput(Onnx.ValueInfoProto.newBuilder().setName(OUTPUT).setType(type(options.batch(),
                card.numClasses())));

        Onnx.ModelProto.Builder onnx = Onnx.ModelProto.newBuilder().setIrVersion(7).setProducerName("zoo4j")
                .setProducerVersion("0.1.0").setModelVersion(1).setGraph(graph)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(options.opset()));
        metadata(card, options).forEach((k, val) -> onnx.addMetadataProps(Onnx.StringStringEntryProto.newBuilder()
                .setKey(k).setValue(val)));
        return onnx.build();
    }

    /** The card in {@code metadata_props}: the whole card as JSON, and the fields a consumer needs most. */
    static Map<String, String> metadata(ModelCard card, Options options) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("zoo4j.card", card.toJson());
        m.put("architecture", card.architecture());
        m.put("labels", String.join("\n", card.labels()));
        m.put("input_size", card.height() + "x" + card.width());
        m.put("input_layout", options.layout().name());
        m.put("scale_to_01", Boolean.toString(card.preprocessing().scaleTo01()));
        m.put("mean", Arrays.toString(card.preprocessing().mean()));
        m.put("std", Arrays.toString(card.preprocessing().std()));
        return m;
    }

    private static Onnx.ValueInfoProto tensor(String name, Options options, long[] chw) {
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(type(options.batch(), chw)).build();
    }

    private static Onnx.TypeProto type(int batch, long... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        shape.addDim(batch > 0 ? Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(batch)
                : Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (long d : dims) {
            shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder()
                .setElemType(Onnx.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
    }

    /** A vertex has an ONNX form when its configuration has a converter, and a layer's activation and input too. */
    /** The vertices of {@code net} that have no ONNX mapping, each as "name (what it is)"; empty: it exports. */
    public static List<String> unsupported(ComputationGraph net) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        List<String> unsupported = new ArrayList<>();
        for (String name : conf.getTopologicalOrderStr()) {
            GraphVertex v = conf.getVertices().get(name);
            if (v != null && !supported(v)) {
                unsupported.add(name + " (" + describe(v) + ")");
            }
        }
        return unsupported;
    }

    private static boolean supported(GraphVertex v) {
        if (!(v instanceof LayerVertex lv)) {
            return OnnxConverters.find(v) != null;
        }
        InputPreProcessor pre = lv.getPreProcessor();
        Object layer = lv.getLayerConf().getLayer();
        return (pre == null || pre instanceof CnnToFeedForwardPreProcessor) && activation(layer) != null
                && OnnxConverters.find(layer) != null;
    }

    private static String describe(GraphVertex v) {
        if (v instanceof LayerVertex lv) {
            Object layer = lv.getLayerConf().getLayer();
            String activation = layer instanceof BaseLayer b ? ", activation " + b.getActivationFn() : "";
            return layer.getClass().getName() + activation
                    + (lv.getPreProcessor() != null ? ", preprocessor " + lv.getPreProcessor().getClass().getName() : "");
        }
        return v.getClass().getName();
    }

    /** The ONNX operator of a layer's activation, "" for none or the identity, null when ONNX has none for it. */
    private static String activation(Object layer) {
        IActivation fn = layer instanceof BaseLayer b ? b.getActivationFn()
                : layer instanceof ActivationLayer a ? a.getActivationFn() : null;
        if (fn == null || fn instanceof ActivationIdentity) {
            return "";
        }
        if (fn instanceof ActivationReLU r && r.getMax() == null && zero(r.getThreshold()) && zero(r.getNegativeSlope())) {
            return "Relu";
        }
        return fn instanceof ActivationSoftmax ? "Softmax" : fn instanceof ActivationSigmoid ? "Sigmoid"
                : fn instanceof ActivationTanH ? "Tanh" : null;
    }

    private static boolean zero(Double value) {
        return value == null || value == 0;
    }

    /**
     * Appends the vertex's nodes (a layer's: its input flattened as DL4J does, then its activation) and returns the
     * name of its output value.
     */
    private static String vertex(OnnxGraph g, ComputationGraph net, String name, GraphVertex v, List<String> inputs,
                                 CNN2DFormat dl4jLayout, Map<String, InputType> types) {
        InputType in = types.get(net.getConfiguration().getVertexInputs().get(name).get(0));
        if (!(v instanceof LayerVertex lv)) {
            return OnnxConverters.find(v).convert(v, new OnnxNode(g, name, inputs, null, in));
        }
        Object conf = lv.getLayerConf().getLayer();
        List<String> x = inputs;
        if (lv.getPreProcessor() instanceof CnnToFeedForwardPreProcessor) {
            String ordered = dl4jLayout == CNN2DFormat.NHWC // DL4J flattens NHWC maps in (h, w, c) order
                    ? g.node("Transpose", g.fresh(name + ".nhwc"), List.of(inputs.get(0)), ints("perm", 0, 2, 3, 1))
                    : inputs.get(0);
            x = List.of(g.node("Flatten", g.fresh(name + ".flatten"), List.of(ordered), integer("axis", 1)));
        }
        String out = OnnxConverters.find(conf).convert(conf, new OnnxNode(g, name, x, net.getLayer(name), in));
        String act = activation(conf);
        if (act.isEmpty()) {
            return g.node("Identity", name, List.of(out));
        }
        return act.equals("Softmax") ? g.node("Softmax", name, List.of(out), integer("axis", 1))
                : g.node(act, name, List.of(out));
    }
}
