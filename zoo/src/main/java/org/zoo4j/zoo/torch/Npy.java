package org.zoo4j.zoo.torch;

import org.zoo4j.core.file.ReadBudget;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.core.UntrustedText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * numpy's .npy arrays, read in Java as an untrusted file: the header (dtype, order, shape) is matched against what
 * numpy writes and checked against the data's size before any array is made; values of any numeric dtype become
 * float32 in C order (Fortran-ordered arrays are reordered).
 */
public final class Npy {

    private static final Pattern HEADER = Pattern.compile(
            "\\{\\s*'descr':\\s*'([<|=])([a-z])(\\d{1,2})',\\s*'fortran_order':\\s*(True|False),"
                    + "\\s*'shape':\\s*\\(([\\d,\\s]*)\\),?\\s*}\\s*");
    private static final Map<String, DataType> TYPES = Map.of("f8", DataType.DOUBLE, "f4", DataType.FLOAT,
            "f2", DataType.HALF, "i8", DataType.LONG, "i4", DataType.INT, "i2", DataType.SHORT, "i1", DataType.BYTE,
            "u1", DataType.UBYTE, "b1", DataType.BOOL);

    private Npy() {
    }

    /**
     * An .npy file as a float array in C order.
     *
     * @throws IOException naming the file and what is wrong with it, in one line
     */
    public static INDArray read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no .npy file here");
        }
        try {
            if (Files.size(file) > ReadBudget.MAX_ARRAY) {
                throw new IOException("it is larger than one array holds");
            }
            return parse("it", Files.readAllBytes(file));
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not a readable .npy array (" + UntrustedText.oneLine(e.getMessage())
                    + ")", e);
        }
    }

    /** The array that {@code npy}, an .npy file's bytes, holds; {@code name} names it in messages. */
    static INDArray parse(String name, byte[] npy) throws IOException {
        if (npy.length < 10 || (npy[0] & 0xff) != 0x93 || npy[1] != 'N' || npy[6] < 1 || npy[6] > 3) {
            throw new IOException(name + " is not an .npy array");
        }
        int headerLength = npy[6] == 1 ? (npy[8] & 0xff) | (npy[9] & 0xff) << 8
                : (npy[8] & 0xff) | (npy[9] & 0xff) << 8 | (npy[10] & 0xff) << 16 | (npy[11] & 0xff) << 24;
        int start = npy[6] == 1 ? 10 : 12;
        if (headerLength < 0 || (long) start + headerLength > npy.length) {
            throw new IOException(name + "'s .npy header runs past its data");
        }
        Matcher m = HEADER.matcher(new String(npy, start, headerLength, StandardCharsets.ISO_8859_1));
        if (!m.matches()) {
            throw new IOException(name + "'s .npy header is not one numpy writes");
        }
        DataType type = TYPES.get(m.group(2) + m.group(3));
        if (type == null || (type.width() > 1 && m.group(1).equals("|"))) {
            throw new IOException(name + " holds " + m.group(1) + m.group(2) + m.group(3) + " values, which zoo4j does "
                    + "not convert");
        }
        String[] dims = Arrays.stream(m.group(5).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
        if (dims.length > 8 || Arrays.stream(dims).anyMatch(d -> !d.matches("\\d{1,18}"))) {
            throw new IOException(name + "'s .npy shape is not at most 8 sizes");
        }
        long[] shape = Arrays.stream(dims).mapToLong(Long::parseLong).toArray();
        long elements = RawTensors.elements(shape, name);
        int data = start + headerLength;
        if (npy.length - data != elements * type.width()) {
            throw new IOException(name + " has " + (npy.length - data) + " bytes of data for its shape "
                    + Arrays.toString(shape) + " of " + type.width() + "-byte values");
        }
        long[] stride = RawTensors.contiguousStrides(shape);
        if (m.group(4).equals("True")) { // Fortran order: the first index varies fastest
            long[] reversed = RawTensors.contiguousStrides(reverse(shape));
            stride = reverse(reversed);
        }
        return RawTensors.toFloat(Arrays.copyOfRange(npy, data, npy.length), type, shape, stride, 0, name);
    }

    private static long[] reverse(long[] a) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }
}
