package org.zoo4j.onnx;

import onnx.Onnx;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.zoo4j.layers.conv.ConvArithmetic;
import org.zoo4j.layers.conv.TransposedConvolution2D;
import org.zoo4j.layers.graph.OptionAShortcutVertex;
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
import static org.zoo4j.onnx.OnnxGraph.real;

/**
 * A model file as an ONNX model of standard operators (Conv, ConvTranspose, BatchNormalization, Relu,
 * MaxPool/AveragePool, GlobalAveragePool, Gemm, Add, Concat, Softmax; the option-A shortcut as Slice + Pad), for ONNX Runtime and every
 * other ONNX consumer. The graph works in NCHW whatever the DL4J model's layout; its input is NCHW (or NHWC, with a
 * Transpose, when asked), its output the model's softmax probabilities. The model card goes into
 * {@code metadata_props}. A layer or vertex with no mapping (a user's own) is refused by name and type, and nothing is
 * written.
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
        List<String> unsupported = new ArrayList<>();
        for (String name : conf.getTopologicalOrderStr()) {
            GraphVertex v = conf.getVertices().get(name);
            if (v != null && !supported(v)) {
                unsupported.add(name + " (" + describe(v) + ")");
            }
        }
        if (!unsupported.isEmpty()) {
            throw new IllegalArgumentException("cannot export to ONNX: " + unsupported.size() + " vertex(es) with no "
                    + "ONNX mapping:\n  " + String.join("\n  ", unsupported));
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

    private static boolean supported(GraphVertex v) {
        if (v instanceof ElementWiseVertex e) {
            return e.getOp() == ElementWiseVertex.Op.Add;
        }
        if (v instanceof MergeVertex || v instanceof OptionAShortcutVertex) {
            return true;
        }
        if (!(v instanceof LayerVertex lv)) {
            return false;
        }
        InputPreProcessor pre = lv.getPreProcessor();
        if (pre != null && !(pre instanceof CnnToFeedForwardPreProcessor)) {
            return false;
        }
        Object layer = lv.getLayerConf().getLayer();
        if (activation(layer) == null) {
            return false;
        }
        return layer instanceof ConvolutionLayer || layer instanceof BatchNormalization
                || layer instanceof TransposedConvolution2D
                || layer instanceof ActivationLayer || layer instanceof DropoutLayer
                || layer instanceof DenseLayer || layer instanceof BaseOutputLayer
                || (layer instanceof SubsamplingLayer s && s.getClass() == SubsamplingLayer.class
                && (s.getPoolingType() == PoolingType.MAX || s.getPoolingType() == PoolingType.AVG))
                || (layer instanceof GlobalPoolingLayer gp && gp.isCollapseDimensions()
                && (gp.getPoolingType() == PoolingType.MAX || gp.getPoolingType() == PoolingType.AVG));
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

    /** Appends the vertex's nodes and returns the name of its output value. */
    private static String vertex(OnnxGraph g, ComputationGraph net, String name, GraphVertex v, List<String> inputs,
                                 CNN2DFormat dl4jLayout, Map<String, InputType> types) {
        if (v instanceof ElementWiseVertex) {
            return g.node(inputs.size() == 2 ? "Add" : "Sum", name, inputs);
        }
        if (v instanceof MergeVertex) {
            return g.node("Concat", name, inputs, integer("axis", 1));
        }
        if (v instanceof OptionAShortcutVertex a) {
            String sliced = g.node("Slice", g.fresh(name), List.of(inputs.get(0), g.longs(g.fresh(name + ".starts"), 0, 0),
                    g.longs(g.fresh(name + ".ends"), Long.MAX_VALUE, Long.MAX_VALUE),
                    g.longs(g.fresh(name + ".axes"), 2, 3),
                    g.longs(g.fresh(name + ".steps"), a.getStride(), a.getStride())));
            long inChannels = ((InputType.InputTypeConvolutional) types.get(net.getConfiguration().getVertexInputs()
                    .get(name).get(0))).getChannels();
            long pad = (a.getOutChannels() - inChannels) / 2;
            return g.node("Pad", name, List.of(sliced, g.longs(g.fresh(name + ".pads"), 0, pad, 0, 0, 0, pad, 0, 0)));
        }
        LayerVertex lv = (LayerVertex) v;
        Object conf = lv.getLayerConf().getLayer();
        Layer layer = net.getLayer(name);
        String x = inputs.get(0);
        InputType in = types.get(net.getConfiguration().getVertexInputs().get(name).get(0));
        if (lv.getPreProcessor() instanceof CnnToFeedForwardPreProcessor) {
            String ordered = dl4jLayout == CNN2DFormat.NHWC // DL4J flattens NHWC maps in (h, w, c) order
                    ? g.node("Transpose", g.fresh(name + ".nhwc"), List.of(x), ints("perm", 0, 2, 3, 1)) : x;
            x = g.node("Flatten", g.fresh(name + ".flatten"), List.of(ordered), integer("axis", 1));
        }
        String out;
        if (conf instanceof SeparableConvolution2D s) {
            out = separable(g, layer, name, x, s, in);
        } else if (conf instanceof TransposedConvolution2D t) {
            out = transposed(g, layer, name, x, t, (InputType.InputTypeConvolutional) in);
        } else if (conf instanceof ConvolutionLayer c) {
            INDArray w = layer.getParam("W");
            List<String> args = new ArrayList<>(List.of(x, g.floats(name + ".W", w)));
            if (c.hasBias()) {
                args.add(g.floats(name + ".b", layer.getParam("b"), w.size(0)));
            }
            out = g.node("Conv", g.fresh(name), args, window(c.getKernelSize(), c.getStride(), c.getPadding(),
                    c.getConvolutionMode(), c.getDilation(), in));
        } else if (conf instanceof BatchNormalization bn) {
            INDArray variance = bn.isUseLogStd() ? Transforms.pow(Transforms.pow(layer.getParam("log10stdev").dup(),
                    10, true), 2, false) : layer.getParam("var");
            long channels = layer.getParam("gamma").length();
            out = g.node("BatchNormalization", g.fresh(name), List.of(x,
                    g.floats(name + ".gamma", layer.getParam("gamma"), channels),
                    g.floats(name + ".beta", layer.getParam("beta"), channels),
                    g.floats(name + ".mean", layer.getParam("mean"), channels),
                    g.floats(name + ".var", variance, channels)), real("epsilon", bn.getEps()));
        } else if (conf instanceof SubsamplingLayer s) {
            out = g.node(s.getPoolingType() == PoolingType.MAX ? "MaxPool" : "AveragePool", g.fresh(name), List.of(x),
                    pooling(s, in));
        } else if (conf instanceof GlobalPoolingLayer gp) {
            String pooled = g.node(gp.getPoolingType() == PoolingType.MAX ? "GlobalMaxPool" : "GlobalAveragePool",
                    g.fresh(name), List.of(x));
            out = g.node("Flatten", g.fresh(name + ".flatten"), List.of(pooled), integer("axis", 1));
        } else if (conf instanceof DenseLayer || conf instanceof BaseOutputLayer) {
            INDArray w = layer.getParam("W");
            List<String> args = new ArrayList<>(List.of(x, g.floats(name + ".W", w)));
            if (layer.paramTable().containsKey("b")) {
                args.add(g.floats(name + ".b", layer.getParam("b"), w.size(1)));
            }
            out = g.node("Gemm", g.fresh(name), args);
        } else {
            out = g.node("Identity", g.fresh(name), List.of(x)); // dropout at inference; an activation layer's follows
        }
        String act = activation(conf);
        if (act.isEmpty()) {
            return g.node("Identity", name, List.of(out));
        }
        return act.equals("Softmax") ? g.node("Softmax", name, List.of(out), integer("axis", 1))
                : g.node(act, name, List.of(out));
    }

    /**
     * zoo4j's transposed convolution as it computes it: the full ConvTranspose (no padding), zero rows and columns
     * appended where the requested window reaches past it, the window cut out, then the bias added (also to the
     * appended zeros).
     */
    private static String transposed(OnnxGraph g, Layer layer, String name, String x, TransposedConvolution2D t,
                                     InputType.InputTypeConvolutional in) {
        int[] k = t.kernel();
        int[] s = t.stride();
        int[] d = t.dilation();
        INDArray w = layer.getParam("W");
        String full = g.node("ConvTranspose", g.fresh(name + ".full"), List.of(x, g.floats(name + ".W", w)),
                ints("kernel_shape", k[0], k[1]), ints("strides", s[0], s[1]), ints("dilations", d[0], d[1]),
                ints("pads", 0, 0, 0, 0));
        ConvArithmetic.TransposedWindow[] win = t.windows(in.getHeight(), in.getWidth());
        if (win[0].after() > 0 || win[1].after() > 0) {
            full = g.node("Pad", g.fresh(name + ".extended"), List.of(full, g.longs(g.fresh(name + ".pads"), 0, 0, 0,
                    0, 0, 0, win[0].after(), win[1].after())));
        }
        String window = g.node("Slice", g.fresh(name + ".window"), List.of(full,
                g.longs(g.fresh(name + ".starts"), win[0].before(), win[1].before()),
                g.longs(g.fresh(name + ".ends"), win[0].before() + win[0].size(), win[1].before() + win[1].size()),
                g.longs(g.fresh(name + ".axes"), 2, 3)));
        if (!t.bias()) {
            return window;
        }
        long channels = w.size(1);
        return g.node("Add", g.fresh(name + ".bias"), List.of(window, g.floats(name + ".b", layer.getParam("b"), 1,
                channels, 1, 1)));
    }

    /** Depthwise then pointwise convolution; DL4J's depthwise weights [m, in, kh, kw] become ONNX's grouped ones. */
    private static String separable(OnnxGraph g, Layer layer, String name, String x, SeparableConvolution2D s,
                                    InputType in) {
        INDArray dw = layer.getParam("W");
        long multiplier = dw.size(0);
        long channels = dw.size(1);
        INDArray grouped = dw.permute(1, 0, 2, 3).dup('c').reshape(channels * multiplier, 1, dw.size(2), dw.size(3));
        List<Onnx.AttributeProto> attrs = new ArrayList<>(List.of(window(s.getKernelSize(), s.getStride(),
                s.getPadding(), s.getConvolutionMode(), s.getDilation(), in)));
        attrs.add(integer("group", channels));
        String depthwise = g.node("Conv", g.fresh(name + ".depthwise"), List.of(x, g.floats(name + ".dW", grouped)),
                attrs.toArray(Onnx.AttributeProto[]::new));
        INDArray pw = layer.getParam("pW");
        List<String> args = new ArrayList<>(List.of(depthwise, g.floats(name + ".pW", pw)));
        if (s.hasBias()) {
            args.add(g.floats(name + ".b", layer.getParam("b"), pw.size(0)));
        }
        return g.node("Conv", g.fresh(name + ".pointwise"), args);
    }

    /**
     * Kernel, strides, dilations and explicit pads [top, left, bottom, right]: DL4J's, or for its Same mode
     * TensorFlow's SAME (the odd row/column at the bottom/right), worked out from the input size (ONNX Runtime does
     * not combine dilation with auto_pad).
     */
    private static Onnx.AttributeProto[] window(int[] kernel, int[] stride, int[] padding, ConvolutionMode mode,
                                                int[] dilation, InputType input) {
        int[] d = dilation != null ? dilation : new int[]{1, 1};
        List<Onnx.AttributeProto> attrs = new ArrayList<>(List.of(ints("kernel_shape", kernel[0], kernel[1]),
                ints("strides", stride[0], stride[1])));
        if (dilation != null) { // AveragePool takes no dilations before opset 19
            attrs.add(ints("dilations", d[0], d[1]));
        }
        if (mode == ConvolutionMode.Same) {
            InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) input;
            long[] size = {c.getHeight(), c.getWidth()};
            long[] before = new long[2];
            long[] after = new long[2];
            for (int i = 0; i < 2; i++) {
                long out = (size[i] + stride[i] - 1) / stride[i];
                long total = Math.max((out - 1) * stride[i] + (long) (kernel[i] - 1) * d[i] + 1 - size[i], 0);
                before[i] = total / 2;
                after[i] = total - before[i];
            }
            attrs.add(ints("pads", before[0], before[1], after[0], after[1]));
        } else {
            attrs.add(ints("pads", padding[0], padding[1], padding[0], padding[1]));
        }
        return attrs.toArray(Onnx.AttributeProto[]::new);
    }

    private static Onnx.AttributeProto[] pooling(SubsamplingLayer s, InputType in) {
        List<Onnx.AttributeProto> attrs = new ArrayList<>(Arrays.asList(window(s.getKernelSize(), s.getStride(),
                s.getPadding(), s.getConvolutionMode(), s.getPoolingType() == PoolingType.MAX ? s.getDilation() : null,
                in)));
        if (s.getPoolingType() == PoolingType.AVG) {
            attrs.add(integer("count_include_pad", s.isAvgPoolIncludePadInDivisor() ? 1 : 0));
        }
        return attrs.toArray(Onnx.AttributeProto[]::new);
    }
}
