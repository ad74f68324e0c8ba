package org.zoo4j.layers.conv;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_backward_data;
import static org.bytedeco.dnnl.global.dnnl.dnnl_bf16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_backward_weights;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_direct;
import static org.bytedeco.dnnl.global.dnnl.dnnl_dilated_convolution_backward_data_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_dilated_convolution_backward_weights_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_dilated_convolution_forward_desc_init;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_training;
import static org.bytedeco.dnnl.global.dnnl.dnnl_format_tag_any;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nhwc;
import static org.bytedeco.dnnl.global.dnnl.dnnl_oihw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_diff_dst_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_diff_src_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_diff_weights_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_dst_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_src_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_weights_md;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.layers.OneDnn;

/**
 * A float convolution's forward pass and both backward passes as oneDNN primitives of their own, created once per
 * input shape and kept, in float or bfloat16 ({@link ComputePrecision}). With small channel counts the activations
 * and their gradients are read and written where they are, in the layer's layout: oneDNN has direct NHWC kernels,
 * and the copies cost more than they save there. With more channels oneDNN chooses its blocked layouts, and zoo4j
 * converts to and from them around each primitive. Weights are converted to the layout each primitive chose once per
 * call (they are small). DL4J's oneDNN helper instead goes through libnd4j's {@code conv2d}/{@code conv2d_bp}, which
 * build the primitives anew on every call; libnd4j's oneDNN build also refuses dilation, which oneDNN supports.
 */
final class OneDnnConvolution {

    /** From this many input and output channels on, oneDNN's blocked layouts pay for the conversions (measured). */
    private static final long BLOCKED_FROM_CHANNELS = 64;

    private static final int[] FROM_TO = {DNNL_ARG_FROM, DNNL_ARG_TO};
    /** Thread scratch slots of the activation-sized conversions that live during one call. */
    private static final int SRC = 0;
    private static final int DIFF_DST = 1;
    private static final int RESULT = 2;

    /**
     * A tensor in the layout (and data type) a primitive chose, and the conversion between it and the float layout
     * DL4J holds: {@code chosen == plain} needs none. Converted values live in {@code buffer} (weights: per layer)
     * or in this thread's scratch slot {@code slot} (activations: during one call only).
     */
    private record Converted(dnnl_memory_desc_t plain, dnnl_memory_desc_t chosen, dnnl_primitive reorder,
                             INDArray buffer, int slot) {

        static Converted of(dnnl_primitive_desc primitive, int query, dnnl_memory_desc_t plain, boolean written,
                            int slot) {
            dnnl_memory_desc_t chosen = dnnl_primitive_desc_query_md(primitive, query, 0);
            if (OneDnn.sameLayout(chosen, plain)) {
                return new Converted(plain, plain, null, null, slot);
            }
            dnnl_primitive reorder = written ? OneDnn.reorder(chosen, plain) : OneDnn.reorder(plain, chosen);
            return new Converted(plain, chosen, reorder, slot < 0 ? OneDnn.buffer(chosen) : null, slot);
        }

        private INDArray storage() {
            return buffer != null ? buffer : OneDnn.scratch(slot, chosen);
        }

        /** {@code values} in the chosen layout: themselves, or a converted copy. */
        INDArray read(INDArray values) {
            if (reorder == null) {
                return values;
            }
            INDArray converted = storage();
            OneDnn.execute(reorder, FROM_TO, new dnnl_memory_desc_t[] {plain, chosen}, new INDArray[] {values, converted});
            return converted;
        }

        /** Where a primitive writes what is destined for {@code values}; {@link #store} moves it there. */
        INDArray target(INDArray values) {
            return reorder == null ? values : storage();
        }

        void store(INDArray written, INDArray values) {
            if (reorder != null) {
                OneDnn.execute(reorder, FROM_TO, new dnnl_memory_desc_t[] {chosen, plain}, new INDArray[] {written, values});
            }
        }
    }

    /** A forward primitive with its tensors' layouts. */
    private record Forward(dnnl_primitive primitive, Converted src, Converted weights, Converted dst) {

        static Forward of(dnnl_primitive_desc desc, dnnl_memory_desc_t src, dnnl_memory_desc_t weights,
                          dnnl_memory_desc_t dst) {
            return new Forward(OneDnn.primitive(desc), Converted.of(desc, dnnl_query_src_md, src, false, SRC),
                    Converted.of(desc, dnnl_query_weights_md, weights, false, -1),
                    Converted.of(desc, dnnl_query_dst_md, dst, true, RESULT));
        }
    }

    /** Everything one input shape needs. */
    private record Primitives(long[] outputShape, dnnl_memory_desc_t bias, Forward training, Forward inference,
                              dnnl_primitive backwardData, Converted dataDiffDst, Converted dataWeights,
                              Converted diffSrc, dnnl_primitive backwardWeights, Converted weightsSrc,
                              Converted weightsDiffDst, Converted diffWeights) {
    }

    private final ConvolutionLayer conf;
    private final boolean channelsLast;
    private final Map<List<Long>, Primitives> byShape = new HashMap<>();
    private ComputePrecision precision = ComputePrecision.FLOAT32;

    OneDnnConvolution(ConvolutionLayer conf) {
        this.conf = conf;
        this.channelsLast = conf.getCnn2dDataFormat() == CNN2DFormat.NHWC;
    }

    /**
     * Whether oneDNN's blocked layouts serve the layer better than its own. Their float kernels (and the conversions)
     * are then no faster than libnd4j's, which uses Winograd there: resnet18 trained at 57 images/s on them against
     * 71 on DL4J's helper, vgg13 at 146 against 167.
     */
    static boolean blocked(ConvolutionLayer conf) {
        return conf.getNIn() >= BLOCKED_FROM_CHANNELS && conf.getNOut() >= BLOCKED_FROM_CHANNELS;
    }

    ComputePrecision precision() {
        return precision;
    }

    void precision(ComputePrecision precision) {
        if (precision != this.precision) {
            this.precision = precision;
            byShape.clear();
        }
    }

    /** {@code input} (in the layer's layout) convolved with {@code weights} [out, in, kH, kW], plus {@code bias} or null. */
    INDArray forward(INDArray input, INDArray weights, INDArray bias, boolean training, LayerWorkspaceMgr workspaces) {
        INDArray in = OneDnn.dense(input);
        Primitives p = primitives(in);
        Forward f = training ? p.training() : p.inference();
        INDArray out = workspaces.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, p.outputShape());
        INDArray dst = f.dst().target(out);
        int[] args = bias == null ? new int[] {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST}
                : new int[] {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_DST, DNNL_ARG_BIAS};
        OneDnn.execute(f.primitive(), args,
                descs(args.length, f.src().chosen(), f.weights().chosen(), f.dst().chosen(), p.bias()),
                arrays(args.length, f.src().read(in), f.weights().read(OneDnn.dense(weights)), dst, bias));
        f.dst().store(dst, out);
        return out;
    }

    /**
     * Writes the weight (and, when {@code biasGradient} is not null, bias) gradient for {@code delta}, the gradient at
     * the convolution's output, into the given views, and returns the gradient at its input.
     */
    INDArray backward(INDArray input, INDArray weights, INDArray delta, INDArray weightGradient,
                      INDArray biasGradient, LayerWorkspaceMgr workspaces) {
        if (!OneDnn.isDense(weightGradient)) {
            throw new IllegalStateException("the weight gradient view is not a dense [out, in, kH, kW] array");
        }
        INDArray in = OneDnn.dense(input);
        INDArray plainDelta = OneDnn.dense(delta);
        Primitives p = primitives(in);
        INDArray inputGradient = workspaces.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                in.shape());
        INDArray diffDst = p.dataDiffDst().read(plainDelta);
        INDArray diffSrc = p.diffSrc().target(inputGradient);
        OneDnn.execute(p.backwardData(), new int[] {DNNL_ARG_DIFF_DST, DNNL_ARG_WEIGHTS, DNNL_ARG_DIFF_SRC},
                new dnnl_memory_desc_t[] {p.dataDiffDst().chosen(), p.dataWeights().chosen(), p.diffSrc().chosen()},
                new INDArray[] {diffDst, p.dataWeights().read(OneDnn.dense(weights)), diffSrc});
        p.diffSrc().store(diffSrc, inputGradient);

        if (!OneDnn.sameLayout(p.weightsDiffDst().chosen(), p.dataDiffDst().chosen())) {
            diffDst = p.weightsDiffDst().read(plainDelta);
        }
        INDArray diffWeights = p.diffWeights().target(weightGradient);
        int[] args = biasGradient == null ? new int[] {DNNL_ARG_SRC, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_WEIGHTS}
                : new int[] {DNNL_ARG_SRC, DNNL_ARG_DIFF_DST, DNNL_ARG_DIFF_WEIGHTS, DNNL_ARG_DIFF_BIAS};
        OneDnn.execute(p.backwardWeights(), args, descs(args.length, p.weightsSrc().chosen(),
                        p.weightsDiffDst().chosen(), p.diffWeights().chosen(), p.bias()),
                arrays(args.length, p.weightsSrc().read(in), diffDst, diffWeights, biasGradient));
        p.diffWeights().store(diffWeights, weightGradient);
        return inputGradient;
    }

    private static dnnl_memory_desc_t[] descs(int count, dnnl_memory_desc_t... descs) {
        return Arrays.copyOf(descs, count);
    }

    private static INDArray[] arrays(int count, INDArray... arrays) {
        return Arrays.copyOf(arrays, count);
    }

    private Primitives primitives(INDArray input) {
        return byShape.computeIfAbsent(Arrays.stream(input.shape()).boxed().toList(), key -> create(input));
    }

    private Primitives create(INDArray input) {
        int[] kernel = conf.getKernelSize();
        int[] stride = conf.getStride();
        int[] dilation = conf.getDilation();
        ConvolutionMode mode = conf.getConvolutionMode();
        CNN2DFormat format = conf.getCnn2dDataFormat();
        int[] outSize = ConvolutionUtils.getOutputSize(input, kernel, stride,
                mode == ConvolutionMode.Same ? null : conf.getPadding(), mode, dilation, format); // also validates
        long[] s = input.shape();
        long[] inSize = channelsLast ? new long[] {s[1], s[2]} : new long[] {s[2], s[3]};
        int[] padBefore = mode == ConvolutionMode.Same
                ? ConvolutionUtils.getSameModeTopLeftPadding(outSize, new int[] {(int) inSize[0], (int) inSize[1]},
                        kernel, stride, dilation)
                : conf.getPadding();
        long[] strides = {stride[0], stride[1]};
        long[] dilates = {dilation[0] - 1L, dilation[1] - 1L}; // oneDNN counts the gaps between kernel taps
        long[] padL = {padBefore[0], padBefore[1]};
        // what makes oneDNN's output size equal DL4J's in every mode: Same's extra bottom/right row, Truncate's dropped one
        long[] padR = new long[2];
        for (int i = 0; i < 2; i++) {
            long span = (long) (kernel[i] - 1) * dilation[i] + 1;
            padR[i] = (outSize[i] - 1L) * stride[i] + span - inSize[i] - padL[i];
        }
        long batch = s[0];
        long nIn = conf.getNIn();
        long nOut = conf.getNOut();
        int tag = channelsLast ? dnnl_nhwc : dnnl_nchw;
        int type = precision == ComputePrecision.BFLOAT16 ? dnnl_bf16 : dnnl_f32;
        // what the primitives are asked for: activations where they are or as oneDNN likes; outputs and gradients
        // for DL4J in float (bfloat16 kernels accumulate in float and can write it)
        int activationTag = blocked(conf) ? dnnl_format_tag_any : tag;
        long[] srcDims = {batch, nIn, inSize[0], inSize[1]};
        long[] dstDims = {batch, nOut, outSize[0], outSize[1]};
        long[] weightDims = {nOut, nIn, kernel[0], kernel[1]};
        dnnl_memory_desc_t src = OneDnn.floats(srcDims, tag);
        dnnl_memory_desc_t dst = OneDnn.floats(dstDims, tag);
        dnnl_memory_desc_t weights = OneDnn.floats(weightDims, dnnl_oihw);
        dnnl_memory_desc_t askedSrc = OneDnn.tensor(srcDims, type, activationTag);
        dnnl_memory_desc_t askedDiffDst = OneDnn.tensor(dstDims, type, activationTag);
        dnnl_memory_desc_t askedFloatSrc = OneDnn.floats(srcDims, activationTag);
        dnnl_memory_desc_t askedDst = OneDnn.floats(dstDims, activationTag);
        dnnl_memory_desc_t askedWeights = OneDnn.tensor(weightDims, type, dnnl_format_tag_any);
        dnnl_memory_desc_t askedDiffWeights = OneDnn.floats(weightDims, dnnl_format_tag_any);
        dnnl_memory_desc_t bias = conf.hasBias() ? OneDnn.floats(nOut) : null;

        dnnl_primitive_desc training = forward(dnnl_forward_training, askedSrc, askedWeights, bias, askedDst, strides,
                dilates, padL, padR);
        dnnl_primitive_desc inference = forward(dnnl_forward_inference, askedSrc, askedWeights, bias, askedDst,
                strides, dilates, padL, padR);
        dnnl_convolution_desc_t dataDesc = new dnnl_convolution_desc_t();
        OneDnn.check(dnnl_dilated_convolution_backward_data_desc_init(dataDesc, dnnl_convolution_direct,
                askedFloatSrc, askedWeights, askedDiffDst, strides, dilates, padL, padR),
                "convolution backward-data descriptor");
        dnnl_primitive_desc data = OneDnn.primitiveDesc(dataDesc, training);
        dnnl_convolution_desc_t weightsDesc = new dnnl_convolution_desc_t();
        OneDnn.check(dnnl_dilated_convolution_backward_weights_desc_init(weightsDesc, dnnl_convolution_direct,
                askedSrc, askedDiffWeights, bias, askedDiffDst, strides, dilates, padL, padR),
                "convolution backward-weights descriptor");
        dnnl_primitive_desc gradient = OneDnn.primitiveDesc(weightsDesc, training);

        long[] outputShape = channelsLast ? new long[] {batch, outSize[0], outSize[1], nOut}
                : new long[] {batch, nOut, outSize[0], outSize[1]};
        return new Primitives(outputShape, bias, Forward.of(training, src, weights, dst),
                Forward.of(inference, src, weights, dst), OneDnn.primitive(data),
                Converted.of(data, dnnl_query_diff_dst_md, dst, false, DIFF_DST),
                Converted.of(data, dnnl_query_weights_md, weights, false, -1),
                Converted.of(data, dnnl_query_diff_src_md, src, true, RESULT), OneDnn.primitive(gradient),
                Converted.of(gradient, dnnl_query_src_md, src, false, SRC),
                Converted.of(gradient, dnnl_query_diff_dst_md, dst, false, DIFF_DST),
                Converted.of(gradient, dnnl_query_diff_weights_md, weights, true, -1));
    }

    private static dnnl_primitive_desc forward(int kind, dnnl_memory_desc_t src, dnnl_memory_desc_t weights,
                                               dnnl_memory_desc_t bias, dnnl_memory_desc_t dst, long[] strides,
                                               long[] dilates, long[] padL, long[] padR) {
        dnnl_convolution_desc_t desc = new dnnl_convolution_desc_t();
        OneDnn.check(dnnl_dilated_convolution_forward_desc_init(desc, kind, dnnl_convolution_direct, src, weights,
                bias, dst, strides, dilates, padL, padR), "convolution forward descriptor");
        return OneDnn.primitiveDesc(desc, null);
    }
}
