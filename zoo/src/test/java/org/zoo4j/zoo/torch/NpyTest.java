package org.zoo4j.zoo.torch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** zoo4j's own .npy reader, which `infer --input` and .npz weights go through instead of ND4J's native parser. */
class NpyTest {

    @TempDir
    Path tmp;

    @Test
    void readsWhatNd4jWritesBitForBit() throws IOException {
        var written = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(2, 3, 4);
        Path file = Files.write(tmp.resolve("a.npy"), Nd4j.toNpyByteArray(written));
        var read = Npy.read(file);
        assertThat(read.shape()).containsExactly(2, 3, 4);
        assertThat(read.data().asFloat()).containsExactly(written.data().asFloat());
    }

    @Test
    void aFortranOrderedArrayIsReorderedToCOrder() throws IOException {
        // [[0, 1, 2], [3, 4, 5]] stored column by column
        Path file = npy("f.npy", 1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", 0, 3, 1, 4, 2, 5);
        assertThat(Npy.read(file).data().asFloat()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void headersThatLieAreRefusedInOneLine() throws IOException {
        assertRefused(npy("big.npy", 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000,), }", 1),
                "has 4 bytes of data for its shape [1000000000]");
        assertRefused(npy("long.npy", 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1234567890123456789,), }",
                1), "shape is not at most 8 sizes");
        assertRefused(npy("many.npy", 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,1,1,1,1,1,1,1,1), }",
                1), "shape is not at most 8 sizes");
        assertRefused(npy("object.npy", 1, "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", 1),
                "header is not one numpy writes");
        byte[] overflow = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0x93)
                .put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 2).put((byte) 0).putInt(Integer.MAX_VALUE)
                .array();
        assertRefused(Files.write(tmp.resolve("overflow.npy"), overflow), "header runs past its data");
        assertRefused(Files.writeString(tmp.resolve("text.npy"), "hello"), "is not an .npy array");
    }

    private void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> Npy.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.getFileName() + " is not a readable .npy array")
                .hasMessageContaining(message).hasMessageNotContaining("\n");
    }

    private Path npy(String name, int version, String header, float... values) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(version);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        out.writeBytes(data.array());
        return Files.write(tmp.resolve(name), out.toByteArray());
    }
}
