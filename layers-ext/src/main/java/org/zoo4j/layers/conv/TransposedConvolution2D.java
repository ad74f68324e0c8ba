package org.zoo4j.layers.conv;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.zoo4j.layers.conv.ConvArithmetic.Padding;
import org.zoo4j.layers.conv.ConvArithmetic.TransposedWindow;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Transposed 2D convolution ("deconvolution") with the output-size control DL4J's {@code Deconvolution2D} lacks:
 * TensorFlow/Keras {@code valid}/{@code same} padding with an optional target size ({@code output_shape}), or
 * PyTorch's explicit {@code padding} with {@code output_padding}.
 *
 * <p>Underneath: ND4J's {@code deconv2d} op (oneDNN on CPU) computes the full transposed convolution, which is cut
 * to the window {@link ConvArithmetic#transposedWindow} gives (zero-extended past its end when the requested size is
 * longer) before the bias is added. Weights use PyTorch's layout {@code [nIn, nOut, kH, kW]}. The window is fixed by
 * the input size of the configuration's {@code InputType}. Gradients pass through
 * {@link ExternalErrorsCompensation}, which undoes ND4J M2.1's doubling of SameDiff-layer gradients.
 */
public class TransposedConvolution2D extends SameDiffLayer {

    /** How the output size is determined. */
    public enum Mode {
        /** TensorFlow VALID: {@code (i-1)s + ke} unless an output size is given. */
        VALID,
        /** TensorFlow SAME: {@code i * s} unless an output size is given. */
        SAME,
        /** PyTorch: explicit symmetric padding and output padding. */
        EXPLICIT
    }

    private static final String WEIGHT = "W";
    private static final String BIAS = "b";

    @JsonProperty private long nIn;
    @JsonProperty private long nOut;
    @JsonProperty private int[] kernel;
    @JsonProperty private int[] stride;
    @JsonProperty private int[] dilation;
    @JsonProperty private Mode mode;
    @JsonProperty private int[] padding;
    @JsonProperty private int[] outputPadding;
    @JsonProperty private int[] outputSize;
    @JsonProperty private boolean hasBias;
    @JsonProperty private CNN2DFormat format; // from the InputType, like DL4J's own convolution layers
    @JsonProperty private int[] inputSize;

    /** For JSON deserialization. */
    protected TransposedConvolution2D() {
    }

    private TransposedConvolution2D(Builder b) {
        super(b);
        nIn = b.nIn;
        nOut = b.nOut;
        kernel = b.kernel;
        stride = b.stride;
        dilation = b.dilation;
        mode = b.mode;
        padding = b.padding;
        outputPadding = b.outputPadding;
        outputSize = b.outputSize;
        hasBias = b.hasBias;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Kernel size {height, width}; weights are {@code [nIn, nOut, kH, kW]} (PyTorch's and ONNX's layout). */
    public int[] kernel() {
        return kernel.clone();
    }

    public int[] stride() {
        return stride.clone();
    }

    public int[] dilation() {
        return dilation.clone();
    }

    public boolean bias() {
        return hasBias;
    }

    /** The output window along height (index 0) and width (index 1) for an input of {@code h x w}. */
    public TransposedWindow[] windows(long h, long w) {
        long[] in = {h, w};
        TransposedWindow[] out = new TransposedWindow[2];
        for (int i = 0; i < 2; i++) {
            out[i] = mode == Mode.EXPLICIT
                    ? ConvArithmetic.transposedWindow((int) in[i], kernel[i], stride[i], dilation[i], padding[i],
                    outputPadding[i])
                    : ConvArithmetic.transposedWindow((int) in[i], kernel[i], stride[i], dilation[i],
                    mode == Mode.SAME ? Padding.SAME : Padding.VALID, outputSize[i]);
        }
        return out;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType.InputTypeConvolutional in = convolutional(inputType);
        TransposedWindow[] win = windows(in.getHeight(), in.getWidth());
        return InputType.convolutional(win[0].size(), win[1].size(), nOut, in.getFormat());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        InputType.InputTypeConvolutional in = convolutional(inputType);
        if (nIn <= 0 || override) {
            nIn = in.getChannels();
        }
        format = in.getFormat();
        inputSize = new int[]{(int) in.getHeight(), (int) in.getWidth()};
        windows(in.getHeight(), in.getWidth()); // rejects unreachable sizes now, at configuration time
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam(WEIGHT, nIn, nOut, kernel[0], kernel[1]);
        if (hasBias) {
            params.addBiasParam(BIAS, 1, nOut);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        long area = (long) kernel[0] * kernel[1];
        initWeights((int) (nIn * area), (int) (nOut * area), weightInit == null ? WeightInit.XAVIER : weightInit,
                params.get(WEIGHT));
        if (hasBias) {
            params.get(BIAS).assign(0);
        }
    }

    /**
     * ND4J's {@code deconv2d} computes the full transposed convolution; it is then zero-extended past its end when the
     * requested size is longer, cropped to the window, and the bias added.
     */
    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        if (inputSize == null) {
            throw new IllegalStateException("TransposedConvolution2D '" + getLayerName()
                    + "' needs its input size: set the network's InputType (setInputTypes / setInputType)");
        }
        boolean nchw = format == CNN2DFormat.NCHW;
        SDVariable kernelHwOutIn = params.get(WEIGHT).permute(2, 3, 1, 0);
        SDVariable full = sd.cnn().deconv2d(input, kernelHwOutIn, DeConv2DConfig.builder()
                .kH(kernel[0]).kW(kernel[1]).sH(stride[0]).sW(stride[1]).dH(dilation[0]).dW(dilation[1])
                .pH(0).pW(0).isSameMode(false).dataFormat(format.name()).build());
        TransposedWindow[] win = windows(inputSize[0], inputSize[1]);
        int h = nchw ? 2 : 1;
        int w = nchw ? 3 : 2;
        if (win[0].after() > 0 || win[1].after() > 0) {
            int[][] pads = new int[4][2];
            pads[h][1] = win[0].after();
            pads[w][1] = win[1].after();
            full = sd.nn().pad(full, sd.constant(Nd4j.createFromArray(pads)), PadMode.CONSTANT, 0.0);
        }
        int[] begin = new int[4];
        int[] size = {-1, -1, -1, -1};
        begin[h] = win[0].before();
        begin[w] = win[1].before();
        size[h] = win[0].size();
        size[w] = win[1].size();
        SDVariable out = sd.slice(full, begin, size);
        if (hasBias) {
            out = out.add(params.get(BIAS).reshape(nchw ? new long[]{1, nOut, 1, 1} : new long[]{1, 1, 1, nOut}));
        }
        return ExternalErrorsCompensation.compensate(sd, out);
    }

    private InputType.InputTypeConvolutional convolutional(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c)) {
            throw new IllegalArgumentException("TransposedConvolution2D '" + getLayerName()
                    + "' needs convolutional input, got " + inputType);
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransposedConvolution2D t && super.equals(o) && nIn == t.nIn && nOut == t.nOut
                && hasBias == t.hasBias && mode == t.mode && format == t.format
                && Arrays.equals(kernel, t.kernel) && Arrays.equals(stride, t.stride)
                && Arrays.equals(dilation, t.dilation) && Arrays.equals(padding, t.padding)
                && Arrays.equals(outputPadding, t.outputPadding) && Arrays.equals(outputSize, t.outputSize)
                && Arrays.equals(inputSize, t.inputSize);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), nIn, nOut, hasBias, mode, format, Arrays.hashCode(kernel),
                Arrays.hashCode(stride), Arrays.hashCode(dilation), Arrays.hashCode(padding),
                Arrays.hashCode(outputPadding), Arrays.hashCode(outputSize), Arrays.hashCode(inputSize));
    }

    /** Builder; sizes take one value (square) or two (height, width). */
    public static class Builder extends SameDiffLayer.Builder<Builder> {
        private long nIn;
        private long nOut;
        private int[] kernel = {3, 3};
        private int[] stride = {1, 1};
        private int[] dilation = {1, 1};
        private Mode mode = Mode.VALID;
        private int[] padding = {0, 0};
        private int[] outputPadding = {0, 0};
        private int[] outputSize = {0, 0};
        private boolean hasBias = true;

        public Builder nIn(long nIn) {
            this.nIn = nIn;
            return this;
        }

        public Builder nOut(long nOut) {
            this.nOut = nOut;
            return this;
        }

        public Builder kernelSize(int... kernel) {
            this.kernel = pair("kernelSize", kernel, 1);
            return this;
        }

        public Builder stride(int... stride) {
            this.stride = pair("stride", stride, 1);
            return this;
        }

        public Builder dilation(int... dilation) {
            this.dilation = pair("dilation", dilation, 1);
            return this;
        }

        /** TensorFlow/Keras padding mode (VALID or SAME). */
        public Builder padding(Padding padding) {
            this.mode = padding == Padding.SAME ? Mode.SAME : Mode.VALID;
            return this;
        }

        /** PyTorch's explicit symmetric padding (switches to {@link Mode#EXPLICIT}). */
        public Builder padding(int... padding) {
            this.padding = pair("padding", padding, 0);
            this.mode = Mode.EXPLICIT;
            return this;
        }

        /** PyTorch's {@code output_padding}: extra rows/columns at the bottom/right, below max(stride, dilation). */
        public Builder outputPadding(int... outputPadding) {
            this.outputPadding = pair("outputPadding", outputPadding, 0);
            this.mode = Mode.EXPLICIT;
            return this;
        }

        /** TensorFlow's {@code output_shape} (height, width) for VALID or SAME. */
        public Builder outputSize(int... outputSize) {
            this.outputSize = pair("outputSize", outputSize, 1);
            return this;
        }

        public Builder hasBias(boolean hasBias) {
            this.hasBias = hasBias;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public TransposedConvolution2D build() {
            if (nOut < 1) {
                throw new IllegalArgumentException("TransposedConvolution2D needs nOut >= 1, got " + nOut);
            }
            boolean sizeGiven = outputSize[0] > 0 || outputSize[1] > 0;
            if (mode == Mode.EXPLICIT && sizeGiven) {
                throw new IllegalArgumentException("TransposedConvolution2D: give either an output size (with VALID/SAME "
                        + "padding, TensorFlow style) or explicit padding/output padding (PyTorch style), not both");
            }
            for (int i = 0; i < 2; i++) {
                int limit = Math.max(stride[i], dilation[i]);
                if (outputPadding[i] >= limit) {
                    throw new IllegalArgumentException("TransposedConvolution2D: output padding " + outputPadding[i]
                            + " must be below max(stride, dilation) = " + limit + "; reachable output sizes for an "
                            + "input i are (i-1)*" + stride[i] + " - 2*" + padding[i] + " + "
                            + ConvArithmetic.effectiveKernel(kernel[i], dilation[i]) + " + {0.." + (limit - 1) + "}");
                }
            }
            return new TransposedConvolution2D(this);
        }

        private static int[] pair(String what, int[] values, int min) {
            if (values.length < 1 || values.length > 2) {
                throw new IllegalArgumentException(what + " takes one value or two (height, width), got "
                        + Arrays.toString(values));
            }
            int[] out = values.length == 1 ? new int[]{values[0], values[0]} : values.clone();
            for (int v : out) {
                if (v < min) {
                    throw new IllegalArgumentException(what + " values must be >= " + min + ", got "
                            + Arrays.toString(values));
                }
            }
            return out;
        }
    }
}
