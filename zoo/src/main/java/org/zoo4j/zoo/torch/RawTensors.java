package org.zoo4j.zoo.torch;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.BitCast;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Tensors as PyTorch checkpoints, safetensors and .npy files store them, raw little-endian elements of one type, as
 * float arrays in C order. A file's shape, strides and offset are checked here with overflow-safe arithmetic and used
 * only to copy the tensor's bytes into C order in Java: ND4J is handed contiguous bytes and a shape, never a file's
 * strides, so no file can make native code read outside its buffer.
 */
final class RawTensors {

    private RawTensors() {
    }

    /**
     * The tensor of {@code shape} that {@code stride} and {@code offset} (in elements) select from {@code bytes},
     * raw elements of {@code type}, as a float array in C order.
     *
     * @throws IOException when the view reaches outside the bytes, or its strides or offset are negative
     */
    static INDArray toFloat(byte[] bytes, DataType type, long[] shape, long[] stride, long offset, String what)
            throws IOException {
        long elements = elements(shape, what);
        if (elements == 0) {
            return Nd4j.create(DataType.FLOAT, shape);
        }
        int width = type.width();
        byte[] contiguous = contiguousBytes(bytes, width, shape, stride, offset, elements, what);
        ByteBuffer direct = ByteBuffer.allocateDirect(contiguous.length).order(ByteOrder.LITTLE_ENDIAN);
        direct.put(contiguous).flip();
        // ND4J M2.1 misreads bfloat16 from a byte buffer: read the 16-bit patterns as shorts and reinterpret them
        DataType read = type == DataType.BFLOAT16 ? DataType.SHORT : type;
        DataBuffer data = Nd4j.createBuffer(direct, read, Math.toIntExact(elements));
        INDArray array = Nd4j.create(data, shape, contiguousStrides(shape), 0, 'c', read);
        if (type == DataType.BFLOAT16) {
            array = Nd4j.exec(new BitCast(array, DataType.BFLOAT16, Nd4j.create(DataType.BFLOAT16, shape)))[0];
        }
        return array.castTo(DataType.FLOAT).dup('c');
    }

    /** The view's elements in C order, after checking that every one of them lies inside {@code bytes}. */
    private static byte[] contiguousBytes(byte[] bytes, int width, long[] shape, long[] stride, long offset,
                                          long elements, String what) throws IOException {
        if (shape.length != stride.length) {
            throw new IOException(what + ": " + shape.length + " sizes and " + stride.length + " strides");
        }
        long stored = bytes.length / width;
        long last = offset;
        try {
            for (int i = 0; i < shape.length; i++) {
                if (stride[i] < 0) {
                    throw new IOException(what + ": a negative stride " + stride[i]);
                }
                last = Math.addExact(last, Math.multiplyExact(shape[i] - 1, stride[i]));
            }
        } catch (ArithmeticException overflow) {
            throw new IOException(what + ": strides " + Arrays.toString(stride) + " reach past any storage");
        }
        if (offset < 0 || last >= stored) {
            throw new IOException(what + ": shape " + Arrays.toString(shape) + " reaches element " + last
                    + " of a storage of " + stored);
        }
        if (Arrays.equals(stride, contiguousStrides(shape))) {
            return Arrays.copyOfRange(bytes, Math.toIntExact(offset * width), Math.toIntExact((offset + elements)
                    * width));
        }
        // a strided view (a transposed tensor, Fortran order): gather element by element, in C order
        byte[] out = new byte[Math.toIntExact(elements * width)];
        long[] index = new long[shape.length];
        long at = offset;
        for (int e = 0; e < elements; e++) {
            System.arraycopy(bytes, (int) (at * width), out, e * width, width);
            for (int d = shape.length - 1; d >= 0; d--) {
                at += stride[d];
                if (++index[d] < shape[d]) {
                    break;
                }
                at -= stride[d] * shape[d];
                index[d] = 0;
            }
        }
        return out;
    }

    /** C-order strides of {@code shape}, in elements. */
    static long[] contiguousStrides(long[] shape) {
        long[] stride = new long[shape.length];
        long step = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = step;
            step *= Math.max(shape[i], 1);
        }
        return stride;
    }

    /** The element count of {@code shape}, refused past what one array holds. */
    static long elements(long[] shape, String what) throws IOException {
        if (shape.length > 8) {
            throw new IOException(what + " has " + shape.length + " dimensions");
        }
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IOException(what + " has a negative dimension " + Arrays.toString(shape));
            }
            n = d == 0 || n == 0 ? 0 : n > Integer.MAX_VALUE / d ? Integer.MAX_VALUE + 1L : n * d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IOException(what + " of shape " + Arrays.toString(shape) + " has more elements than one "
                    + "array holds");
        }
        return n;
    }
}
