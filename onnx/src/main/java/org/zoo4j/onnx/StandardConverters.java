package org.zoo4j.onnx;

import onnx.Onnx;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.zoo4j.layers.conv.ConvArithmetic;
import org.zoo4j.layers.conv.TransposedConvolution2D;
import org.zoo4j.layers.graph.OptionAShortcut;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.zoo4j.onnx.OnnxGraph.integer;
import static org.zoo4j.onnx.OnnxGraph.ints;
import static org.zoo4j.onnx.OnnxGraph.real;

/**
 * The converters of the layers and vertices zoo4j's models are made of, to standard ONNX operators: Conv (dilated,
 * grouped for the depthwise half of a separable convolution), ConvTranspose, BatchNormalization, MaxPool/AveragePool
 * (TensorFlow SAME as explicit pads), GlobalAveragePool/GlobalMaxPool, Gemm, Add/Sum, Concat, and the option-A
 * shortcut as Slice + Pad.
 */
final class StandardConverters {

    private StandardConverters() {
    }

    static void registerAll() {
        OnnxConverters.register(ElementWiseVertex.class, new OnnxConverter<>() {
            @Override
            public String convert(ElementWiseVertex conf, OnnxNode n) {
                return n.graph().node(n.inputs().size() == 2 ? "Add" : "Sum", n.name(), n.inputs());
            }

            @Override
            public boolean accepts(ElementWiseVertex conf) {
                return conf.getOp() == ElementWiseVertex.Op.Add;
            }
        });
        OnnxConverters.register(MergeVertex.class, (conf, n) -> n.graph().node("Concat", n.name(), n.inputs(),
                integer("axis", 1)));
        OnnxConverters.register(OptionAShortcut.class, StandardConverters::optionAShortcut);
        OnnxConverters.register(ConvolutionLayer.class, StandardConverters::convolution);
        OnnxConverters.register(SeparableConvolution2D.class, StandardConverters::separable);
        OnnxConverters.register(TransposedConvolution2D.class, StandardConverters::transposed);
        OnnxConverters.register(BatchNormalization.class, StandardConverters::batchNormalization);
        OnnxConverters.register(SubsamplingLayer.class, new OnnxConverter<>() {
            @Override
            public String convert(SubsamplingLayer s, OnnxNode n) {
                return n.graph().node(s.getPoolingType() == PoolingType.MAX ? "MaxPool" : "AveragePool",
                        n.graph().fresh(n.name()), List.of(n.input()), pooling(s, n.inputType()));
            }

            @Override
            public boolean accepts(SubsamplingLayer s) { // not its 1D and 3D subclasses
                return s.getClass() == SubsamplingLayer.class && maxOrAverage(s.getPoolingType());
            }
        });
        OnnxConverters.register(GlobalPoolingLayer.class, new OnnxConverter<>() {
            @Override
            public String convert(GlobalPoolingLayer gp, OnnxNode n) {
                OnnxGraph g = n.graph();
                String pooled = g.node(gp.getPoolingType() == PoolingType.MAX ? "GlobalMaxPool" : "GlobalAveragePool",
                        g.fresh(n.name()), List.of(n.input()));
                return g.node("Flatten", g.fresh(n.name() + ".flatten"), List.of(pooled), integer("axis", 1));
            }

            @Override
            public boolean accepts(GlobalPoolingLayer gp) {
                return gp.isCollapseDimensions() && maxOrAverage(gp.getPoolingType());
            }
        });
        OnnxConverter<Object> gemm = (conf, n) -> {
            INDArray w = n.param("W");
            List<String> args = new ArrayList<>(List.of(n.input(), n.graph().floats(n.name() + ".W", w)));
            if (n.hasParam("b")) {
                args.add(n.graph().floats(n.name() + ".b", n.param("b"), w.size(1)));
            }
            return n.graph().node("Gemm", n.graph().fresh(n.name()), args);
        };
        OnnxConverters.register(DenseLayer.class, gemm);
        OnnxConverters.register(BaseOutputLayer.class, gemm);
        // at inference, dropout passes its input through, and an activation layer is its activation alone
        OnnxConverter<Object> identity = (conf, n) -> n.graph().node("Identity", n.graph().fresh(n.name()),
                List.of(n.input()));
        OnnxConverters.register(DropoutLayer.class, identity);
        OnnxConverters.register(ActivationLayer.class, identity);
    }

    private static boolean maxOrAverage(PoolingType type) {
        return type == PoolingType.MAX || type == PoolingType.AVG;
    }

    private static String optionAShortcut(OptionAShortcut a, OnnxNode n) {
        OnnxGraph g = n.graph();
        String name = n.name();
        String sliced = g.node("Slice", g.fresh(name), List.of(n.input(), g.longs(g.fresh(name + ".starts"), 0, 0),
                g.longs(g.fresh(name + ".ends"), Long.MAX_VALUE, Long.MAX_VALUE),
                g.longs(g.fresh(name + ".axes"), 2, 3),
                g.longs(g.fresh(name + ".steps"), a.getStride(), a.getStride())));
        long pad = (a.getOutChannels() - n.convolutionalInput().getChannels()) / 2;
        return g.node("Pad", name, List.of(sliced, g.longs(g.fresh(name + ".pads"), 0, pad, 0, 0, 0, pad, 0, 0)));
    }

    private static String convolution(ConvolutionLayer c, OnnxNode n) {
        OnnxGraph g = n.graph();
        INDArray w = n.param("W");
        List<String> args = new ArrayList<>(List.of(n.input(), g.floats(n.name() + ".W", w)));
        if (c.hasBias()) {
            args.add(g.floats(n.name() + ".b", n.param("b"), w.size(0)));
        }
        return g.node("Conv", g.fresh(n.name()), args, window(c.getKernelSize(), c.getStride(), c.getPadding(),
                c.getConvolutionMode(), c.getDilation(), n.inputType()));
    }

    private static String batchNormalization(BatchNormalization bn, OnnxNode n) {
        INDArray variance = bn.isUseLogStd() ? Transforms.pow(Transforms.pow(n.param("log10stdev").dup(), 10, true),
                2, false) : n.param("var");
        long channels = n.param("gamma").length();
        OnnxGraph g = n.graph();
        return g.node("BatchNormalization", g.fresh(n.name()), List.of(n.input(),
                g.floats(n.name() + ".gamma", n.param("gamma"), channels),
                g.floats(n.name() + ".beta", n.param("beta"), channels),
                g.floats(n.name() + ".mean", n.param("mean"), channels),
                g.floats(n.name() + ".var", variance, channels)), real("epsilon", bn.getEps()));
    }

    /**
     * zoo4j's transposed convolution as it computes it: the full ConvTranspose (no padding), zero rows and columns
     * appended where the requested window reaches past it, the window cut out, then the bias added (also to the
     * appended zeros).
     */
    private static String transposed(TransposedConvolution2D t, OnnxNode n) {
        OnnxGraph g = n.graph();
        String name = n.name();
        int[] k = t.kernel();
        int[] s = t.stride();
        int[] d = t.dilation();
        INDArray w = n.param("W");
        String full = g.node("ConvTranspose", g.fresh(name + ".full"), List.of(n.input(), g.floats(name + ".W", w)),
                ints("kernel_shape", k[0], k[1]), ints("strides", s[0], s[1]), ints("dilations", d[0], d[1]),
                ints("pads", 0, 0, 0, 0));
        InputType.InputTypeConvolutional in = n.convolutionalInput();
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
        return g.node("Add", g.fresh(name + ".bias"), List.of(window, g.floats(name + ".b", n.param("b"), 1,
                channels, 1, 1)));
    }

    /** Depthwise then pointwise convolution; DL4J's depthwise weights [m, in, kh, kw] become ONNX's grouped ones. */
    private static String separable(SeparableConvolution2D s, OnnxNode n) {
        OnnxGraph g = n.graph();
        INDArray dw = n.param("W");
        long multiplier = dw.size(0);
        long channels = dw.size(1);
        INDArray grouped = dw.permute(1, 0, 2, 3).dup('c').reshape(channels * multiplier, 1, dw.size(2), dw.size(3));
        List<Onnx.AttributeProto> attrs = new ArrayList<>(List.of(window(s.getKernelSize(), s.getStride(),
                s.getPadding(), s.getConvolutionMode(), s.getDilation(), n.inputType())));
        attrs.add(integer("group", channels));
        String depthwise = g.node("Conv", g.fresh(n.name() + ".depthwise"), List.of(n.input(),
                g.floats(n.name() + ".dW", grouped)), attrs.toArray(Onnx.AttributeProto[]::new));
        INDArray pw = n.param("pW");
        List<String> args = new ArrayList<>(List.of(depthwise, g.floats(n.name() + ".pW", pw)));
        if (s.hasBias()) {
            args.add(g.floats(n.name() + ".b", n.param("b"), pw.size(0)));
        }
        return g.node("Conv", g.fresh(n.name() + ".pointwise"), args);
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
