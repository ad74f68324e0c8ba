package org.zoo4j.zoo.torch;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.zoo4j.layers.testing.FuzzFiles;
import org.zoo4j.layers.testing.Refusal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * Coverage-guided fuzzing (Jazzer) of the readers of PyTorch weights: any file reads or is refused in one line. The
 * default suite replays the inputs in {@code WeightsFuzzTestInputs/TARGET} (seeds from tools/fuzz/seeds.sh, and what
 * fuzzing found); {@code tools/fuzz/run.sh} fuzzes a target.
 */
class WeightsFuzzTest {

    private static final Path FILE = FuzzFiles.temporary("weights");

    /** Any weights file: .pth (zip and legacy), .safetensors, .npz, told apart by content. */
    @FuzzTest(maxDuration = "3m")
    void weightsFile(byte[] bytes) throws Exception {
        Files.write(FILE, bytes);
        Refusal.readOrRefuse(IOException.class, () -> TorchWeights.read(FILE));
    }

    /** The restricted unpickler alone, on one pickle. */
    @FuzzTest(maxDuration = "3m")
    void pickle(byte[] bytes) throws Exception {
        Refusal.readOrRefuse(IOException.class, () -> StateDictUnpickler.load(bytes, new HashMap<>()));
    }

    /** An .npy file, as infer --input reads it. */
    @FuzzTest(maxDuration = "3m")
    void npy(byte[] bytes) throws Exception {
        Files.write(FILE, bytes);
        Refusal.readOrRefuse(IOException.class, () -> Npy.read(FILE));
    }
}
