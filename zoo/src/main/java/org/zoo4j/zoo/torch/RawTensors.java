package org.zoo4j.zoo.torch;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.BitCast;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Tensors as PyTorch checkpoints and safetensors files store them, raw little-endian elements of one type, as float
 * arrays in C order: ND4J reads the elements in their own type (half, bfloat16, integers) and casts.
 */
final class RawTensors {

    private RawTensors() {
    }

    /** Elements of {@code type} from {@code bytes} (exactly {@code elements x width} of them) to a float array. */
    static INDArray toFloat(byte[] bytes, DataType type, long elements, long[] shape, long[] stride, long offset) {
        if (elements == 0 || Arrays.stream(shape).anyMatch(d -> d == 0)) {
            return Nd4j.create(DataType.FLOAT, shape);
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        direct.put(bytes).flip();
        // ND4J M2.1 misreads bfloat16 from a byte buffer: read the 16-bit patterns as shorts and reinterpret them
        DataType read = type == DataType.BFLOAT16 ? DataType.SHORT : type;
        DataBuffer data = Nd4j.createBuffer(direct, read, Math.toIntExact(elements));
        INDArray array = Nd4j.create(data, shape, stride, offset, 'c', read).dup('c');
        if (type == DataType.BFLOAT16) {
            array = Nd4j.exec(new BitCast(array, DataType.BFLOAT16, Nd4j.create(DataType.BFLOAT16, shape)))[0];
        }
        return array.castTo(DataType.FLOAT).dup('c');
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
    static long elements(long[] shape, String what) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(what + " has a negative dimension " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " has " + n + " elements, more than one array holds");
        }
        return n;
    }
}
