package org.zoo4j.zoo.torch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Pickles and zip checkpoints written by hand, opcode by opcode, as an attacker writes them. */
final class CraftedPickles {

    private CraftedPickles() {
    }

    /** Protocol 2 pickle bytes: PROTO 2, then {@code ops} (chars stand for bytes). */
    static byte[] pickle(String ops) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80);
        out.write(2);
        out.writeBytes(ops.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** {'w': _rebuild_tensor_v2(storage '0' of {@code stored} floats, 0, shape, stride, False, OrderedDict())}. */
    static String tensor(long[] shape, long[] stride, long stored) {
        return "}(X\u0001\u0000\u0000\u0000wctorch._utils\n_rebuild_tensor_v2\n((X\u0007\u0000\u0000\u0000storage"
                + "ctorch\nFloatStorage\nX\u0001\u0000\u0000\u00000X\u0003\u0000\u0000\u0000cpu" + long8(stored)
                + "tQK\u0000" + tuple(shape) + tuple(stride) + "\u0089ccollections\nOrderedDict\n)RtRu.";
    }

    /** A zip checkpoint {@code a/data.pkl} (+ storage {@code a/data/0} when given). */
    static Path checkpoint(Path file, byte[] pickle, byte[]... storage) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("a/data.pkl"));
            zip.write(pickle);
            if (storage.length > 0) {
                zip.putNextEntry(new ZipEntry("a/data/0"));
                zip.write(storage[0]);
            }
        }
        return file;
    }

    private static String tuple(long[] values) {
        StringBuilder s = new StringBuilder("(");
        for (long v : values) {
            s.append(long8(v));
        }
        return s.append('t').toString();
    }

    /** LONG1 with 8 little-endian bytes: any long. */
    private static String long8(long v) {
        byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
        return "\u008a\u0008" + new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
