package org.zoo4j.layers.conv;

/**
 * Output sizes of convolution, pooling, dilated and transposed convolution along one spatial axis: the one place
 * these formulas live (the layers in this package infer their shapes with it). Sizes follow TensorFlow for
 * {@link Padding#VALID}/{@link Padding#SAME} and PyTorch for explicit symmetric padding.
 *
 * <p>A strided convolution floors: several input sizes give the same output (5 and 6 both give 2 for a 3x3 kernel,
 * stride 2, VALID), which is why a transposed convolution needs an output padding or target size to be unambiguous.
 */
public final class ConvArithmetic {

    /** TensorFlow/Keras padding modes. */
    public enum Padding {
        /** No padding: only positions where the whole (dilated) kernel fits. */
        VALID,
        /** Output = ceil(input / stride); the padding goes half before, the odd one after (bottom/right). */
        SAME
    }

    /** An inclusive range of sizes. */
    public record Range(int min, int max) {
        public boolean contains(int size) {
            return size >= min && size <= max;
        }

        @Override
        public String toString() {
            return min == max ? Integer.toString(min) : min + ".." + max;
        }
    }

    private ConvArithmetic() {
    }

    /** The extent a dilated kernel covers: {@code k + (k - 1)(d - 1)}. */
    public static int effectiveKernel(int kernel, int dilation) {
        requirePositive("kernel", kernel);
        requirePositive("dilation", dilation);
        return kernel + (kernel - 1) * (dilation - 1);
    }

    /** Convolution (or pooling, with dilation 1) output size under a TensorFlow padding mode. */
    public static int convOutput(int input, int kernel, int stride, int dilation, Padding padding) {
        requirePositive("input", input);
        requirePositive("stride", stride);
        int ke = effectiveKernel(kernel, dilation);
        if (padding == Padding.SAME) {
            return ceilDiv(input, stride);
        }
        if (input < ke) {
            throw new IllegalArgumentException("VALID convolution needs an input of at least the effective kernel size "
                    + ke + " (kernel " + kernel + ", dilation " + dilation + "), got " + input);
        }
        return (input - ke) / stride + 1;
    }

    /** Convolution output size with explicit symmetric padding (PyTorch): {@code floor((i + 2p - ke) / s) + 1}. */
    public static int convOutput(int input, int kernel, int stride, int dilation, int padding) {
        requirePositive("input", input);
        requirePositive("stride", stride);
        int ke = effectiveKernel(kernel, dilation);
        if (padding < 0 || input + 2 * padding < ke) {
            throw new IllegalArgumentException("padding " + padding + " leaves input " + input
                    + " smaller than the effective kernel " + ke);
        }
        return (input + 2 * padding - ke) / stride + 1;
    }

    /** Pooling output size under a TensorFlow padding mode. */
    public static int poolOutput(int input, int kernel, int stride, Padding padding) {
        return convOutput(input, kernel, stride, 1, padding);
    }

    /** TensorFlow SAME padding {before, after}: the total needed for ceil(i/s) outputs, the odd one after. */
    public static int[] samePadding(int input, int kernel, int stride, int dilation) {
        int total = Math.max((ceilDiv(input, stride) - 1) * stride + effectiveKernel(kernel, dilation) - input, 0);
        return new int[]{total / 2, total - total / 2};
    }

    /** Every input size that a convolution maps to {@code output}: the ambiguity a transposed convolution faces. */
    public static Range inputsFor(int output, int kernel, int stride, int dilation, Padding padding) {
        requirePositive("output", output);
        requirePositive("stride", stride);
        if (padding == Padding.SAME) {
            return new Range((output - 1) * stride + 1, output * stride);
        }
        int min = (output - 1) * stride + effectiveKernel(kernel, dilation);
        return new Range(min, min + stride - 1);
    }

    /**
     * Transposed convolution default output size in TensorFlow/Keras terms: VALID {@code (i-1)s + ke},
     * SAME {@code i * s}.
     */
    public static int transposedOutput(int input, int kernel, int stride, int dilation, Padding padding) {
        requirePositive("input", input);
        requirePositive("stride", stride);
        return padding == Padding.SAME ? input * stride : (input - 1) * stride + effectiveKernel(kernel, dilation);
    }

    /**
     * Transposed convolution output size in PyTorch terms: {@code (i-1)s - 2p + ke + outputPadding}.
     *
     * @throws IllegalArgumentException when the output padding is not below max(stride, dilation) (PyTorch's rule:
     *                                  larger values would reach sizes the forward convolution never produces)
     */
    public static int transposedOutput(int input, int kernel, int stride, int dilation, int padding, int outputPadding) {
        requirePositive("input", input);
        requirePositive("stride", stride);
        if (outputPadding < 0 || outputPadding >= Math.max(stride, dilation)) {
            int base = (input - 1) * stride - 2 * padding + effectiveKernel(kernel, dilation);
            throw new IllegalArgumentException("output padding must be in [0, " + (Math.max(stride, dilation) - 1)
                    + "] for stride " + stride + " and dilation " + dilation + ", got " + outputPadding
                    + "; reachable output sizes for input " + input + ": "
                    + new Range(base, base + Math.max(stride, dilation) - 1));
        }
        int out = (input - 1) * stride - 2 * padding + effectiveKernel(kernel, dilation) + outputPadding;
        if (padding < 0 || out < 1) {
            throw new IllegalArgumentException("padding " + padding + " crops the transposed output of input " + input
                    + " to nothing");
        }
        return out;
    }

    /** The output sizes a TensorFlow transposed convolution can be asked for: those the forward conv maps back to i. */
    public static Range transposedSizes(int input, int kernel, int stride, int dilation, Padding padding) {
        return inputsFor(input, kernel, stride, dilation, padding);
    }

    /**
     * Where a transposed convolution's output sits in the full (unpadded) transposed result, along one axis.
     *
     * @param full   size of the full result, {@code (i-1)s + ke}
     * @param before rows cropped from its start
     * @param size   rows kept; rows past the end of the full result are zeros (bias only)
     */
    public record TransposedWindow(int full, int before, int size) {
        /** Zero rows appended after the full result. */
        public int after() {
            return Math.max(before + size - full, 0);
        }
    }

    /** The window for TensorFlow's {@code conv2d_transpose(padding, output_shape)}; {@code size <= 0} is the default. */
    public static TransposedWindow transposedWindow(int input, int kernel, int stride, int dilation, Padding padding,
                                                    int size) {
        int out = size > 0 ? size : transposedOutput(input, kernel, stride, dilation, padding);
        Range reachable = transposedSizes(input, kernel, stride, dilation, padding);
        if (!reachable.contains(out)) {
            throw new IllegalArgumentException("a " + padding + " transposed convolution (kernel " + kernel + ", stride "
                    + stride + ", dilation " + dilation + ") of input " + input + " cannot produce size " + out
                    + "; reachable sizes: " + reachable);
        }
        int full = (input - 1) * stride + effectiveKernel(kernel, dilation);
        int before = padding == Padding.SAME ? Math.max(full - out, 0) / 2 : 0;
        return new TransposedWindow(full, before, out);
    }

    /** The window for PyTorch's {@code conv_transpose2d(padding, output_padding)}. */
    public static TransposedWindow transposedWindow(int input, int kernel, int stride, int dilation, int padding,
                                                    int outputPadding) {
        int out = transposedOutput(input, kernel, stride, dilation, padding, outputPadding);
        return new TransposedWindow((input - 1) * stride + effectiveKernel(kernel, dilation), padding, out);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static void requirePositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + value);
        }
    }
}
