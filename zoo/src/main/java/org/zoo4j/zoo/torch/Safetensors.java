package org.zoo4j.zoo.torch;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.zoo4j.core.UntrustedText;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's safetensors format, read directly (it is small: an 8-byte little-endian header length, a JSON header
 * naming each tensor's dtype, shape and byte range, then the raw little-endian tensors; no code). The header is checked
 * before any tensor is read: within the format's 100 MB limit, every range inside the file, of exactly its shape's
 * size, none overlapping another.
 */
final class Safetensors {

    /** The format's own limit on the header (safetensors' Rust reader refuses larger ones). */
    static final long MAX_HEADER = 100L << 20;
    static final String METADATA = "__metadata__";

    private static final Map<String, DataType> TYPES = Map.of("F64", DataType.DOUBLE, "F32", DataType.FLOAT,
            "F16", DataType.HALF, "BF16", DataType.BFLOAT16, "I64", DataType.LONG, "I32", DataType.INT,
            "I16", DataType.SHORT, "I8", DataType.BYTE, "U8", DataType.UBYTE, "BOOL", DataType.BOOL);

    private Safetensors() {
    }

    /** Whether {@code head} (a file's first bytes) starts like a safetensors file: a header length, then '{'. */
    static boolean looksLike(byte[] head) {
        if (head.length < 9 || head[8] != '{') {
            return false;
        }
        long length = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return length > 1 && length <= MAX_HEADER;
    }

    private record Entry(String name, DataType type, long[] shape, long begin, long end) {
    }

    static TorchWeights read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new IOException("it is shorter than a safetensors header (" + size + " bytes)");
            }
            long headerLength = readFully(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER || 8 + headerLength > size) {
                throw new IOException("its header claims " + headerLength + " bytes, in a file of " + size
                        + " (at most " + MAX_HEADER + ")");
            }
            JsonNode header;
            try {
                header = new ObjectMapper().readTree(StandardCharsets.UTF_8.decode(readFully(channel, 8,
                        (int) headerLength)).toString());
            } catch (IOException e) {
                throw new IOException("its header is not JSON");
            }
            if (header == null || !header.isObject()) {
                throw new IOException("its header is not a JSON object");
            }
            long data = 8 + headerLength;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals(METADATA)) {
                    field.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                } else {
                    entries.add(entry(field.getKey(), field.getValue(), size - data));
                }
            }
            entries.sort(Comparator.comparingLong(Entry::begin));
            for (int i = 1; i < entries.size(); i++) {
                if (entries.get(i).begin() < entries.get(i - 1).end()) {
                    throw new IOException("tensors " + UntrustedText.quote(entries.get(i - 1).name()) + " and "
                            + UntrustedText.quote(entries.get(i).name()) + " overlap");
                }
            }
            Map<String, INDArray> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                ByteBuffer bytes = readFully(channel, data + e.begin(), Math.toIntExact(e.end() - e.begin()));
                byte[] raw = new byte[bytes.remaining()];
                bytes.get(raw);
                tensors.put(e.name(), RawTensors.toFloat(raw, e.type(), e.shape(),
                        RawTensors.contiguousStrides(e.shape()), 0, "tensor " + UntrustedText.quote(e.name())));
            }
            return new TorchWeights(tensors, metadata, "safetensors");
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static Entry entry(String key, JsonNode node, long dataSize) throws IOException {
        String name = UntrustedText.quote(key);
        DataType type = TYPES.get(node.path("dtype").asText());
        if (type == null) {
            throw new IOException("tensor " + name + " has dtype " + UntrustedText.quote(node.path("dtype").asText()) + ", which zoo4j "
                    + "does not convert (it reads " + String.join(", ", new java.util.TreeSet<>(TYPES.keySet())) + ")");
        }
        JsonNode dims = node.path("shape");
        JsonNode offsets = node.path("data_offsets");
        if (!dims.isArray() || dims.size() > 8 || !offsets.isArray() || offsets.size() != 2) {
            throw new IOException("tensor " + name + " needs a shape (at most 8 dimensions) and two data_offsets");
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!dims.get(i).canConvertToLong()) {
                throw new IOException("tensor " + name + " has a shape of non-integers");
            }
            shape[i] = dims.get(i).asLong();
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        long bytes = RawTensors.elements(shape, "tensor " + name) * type.width();
        if (begin < 0 || end < begin || end > dataSize || end - begin != bytes) {
            throw new IOException("tensor " + name + " claims bytes " + begin + ".." + end + " for " + bytes
                    + " bytes of " + java.util.Arrays.toString(shape) + " " + node.path("dtype").asText() + ", in "
                    + dataSize + " bytes of data");
        }
        return new Entry(key, type, shape, begin, end);
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("it ends before byte " + (position + length));
            }
        }
        return buffer.flip();
    }
}
