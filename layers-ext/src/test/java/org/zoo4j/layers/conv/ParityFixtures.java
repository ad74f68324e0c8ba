package org.zoo4j.layers.conv;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.IntStream;

/** The PyTorch outputs tools/reference/conv_fixtures.py wrote to conv-parity.npz, one case at a time. */
final class ParityFixtures {

    private static final Map<String, INDArray> ARRAYS = load();

    private ParityFixtures() {
    }

    /** Indices of the cases of a kind ("dilated", "transposed", "separable"). */
    static IntStream cases(String kind) {
        return IntStream.iterate(0, i -> ARRAYS.containsKey(kind + "_" + i + "_cfg"), i -> i + 1);
    }

    static INDArray get(String kind, int index, String key) {
        return ARRAYS.get(kind + "_" + index + "_" + key);
    }

    static int[] cfg(String kind, int index) {
        return get(kind, index, "cfg").toIntVector();
    }

    private static Map<String, INDArray> load() {
        try (InputStream in = ParityFixtures.class.getResourceAsStream("/conv-parity.npz")) {
            File file = File.createTempFile("conv-parity", ".npz");
            file.deleteOnExit();
            Files.copy(in, file.toPath(), StandardCopyOption.REPLACE_EXISTING);
            return Nd4j.createFromNpzFile(file);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read conv-parity.npz: rerun tools/reference/conv_fixtures.py", e);
        }
    }
}
