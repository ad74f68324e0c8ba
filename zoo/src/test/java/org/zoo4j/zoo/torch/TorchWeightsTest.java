package org.zoo4j.zoo.torch;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.layers.testing.Bits;
import org.zoo4j.zoo.registry.ModelRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.zoo4j.zoo.torch.CraftedPickles.pickle;

/**
 * The Java readers of PyTorch weights, on files PyTorch and safetensors' own library wrote
 * (tools/torch/make_format_fixtures.py) and on hostile ones the tests write.
 */
class TorchWeightsTest {

    @TempDir
    Path tmp;

    private Path resource(String name) throws IOException {
        Path file = tmp.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/torch/" + name)) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    @Test
    void safetensorsAndPthHoldTheNpzsTensorsBitForBit() throws IOException {
        TorchWeights npz = TorchWeights.read(resource("resnet20.npz"));
        TorchWeights safetensors = TorchWeights.read(resource("resnet20.safetensors"));
        TorchWeights pth = TorchWeights.read(resource("resnet20.pth")); // {'epoch', 'state_dict': {'module.' ...}}
        assertThat(npz.format()).isEqualTo("npz");
        assertThat(safetensors.format()).isEqualTo("safetensors");
        assertThat(pth.format()).isEqualTo("pytorch");
        assertThat(safetensors.metadata()).containsEntry("source", "zoo4j make_format_fixtures.py");
        assertThat(pth.tensors().keySet()).isEqualTo(safetensors.tensors().keySet())
                .anyMatch(k -> k.endsWith("num_batches_tracked")).noneMatch(k -> k.startsWith("module."));
        npz.tensors().forEach((name, tensor) -> {
            if (!name.startsWith("__")) {
                Bits.assertSame(safetensors.tensors().get(name), tensor, "safetensors " + name);
                Bits.assertSame(pth.tensors().get(name), tensor, ".pth " + name);
            }
        });

        // imported, the three give one network: the one whose outputs TorchImportTest checks against PyTorch's
        ComputationGraph fromNpz = TorchImport.load(ModelRegistry.builder("resnet20").build(), npz.tensors());
        for (TorchWeights weights : new TorchWeights[]{safetensors, pth}) {
            Bits.assertSame(TorchImport.load(ModelRegistry.builder("resnet20").build(), weights.tensors()).params(),
                    fromNpz.params(), weights.format() + " import");
        }
    }

    /**
     * dtypes-torch2.pth: PyTorch 2.14's torch.save, in a training script's checkpoint dict; dtypes-legacy.pth: the
     * legacy format (before PyTorch 1.6), in a 2017-style checkpoint dict with an optimizer's state.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dtypes.safetensors", "dtypes.pth", "dtypes-torch2.pth", "dtypes-legacy.pth"})
    void everyFloatTypeBecomesFloatExactly(String file) throws IOException {
        TorchWeights weights = TorchWeights.read(resource(file));
        assertThat(weights.format()).isEqualTo(file.endsWith("-legacy.pth") ? "pytorch-legacy"
                : file.endsWith(".pth") ? "pytorch" : "safetensors");
        Map<String, INDArray> tensors = weights.tensors();
        assertThat(tensors).hasSize(file.endsWith(".pth") ? 6 : 5);
        INDArray ramp = Nd4j.arange(12).reshape(3, 4).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).div(8)
                .sub(0.5);
        for (String name : new String[]{"f32", "f16", "bf16", "f64"}) {
            Bits.assertSame(tensors.get(name), ramp, name);
        }
        assertThat(tensors.get("i64").toFloatVector()).containsExactly(5f, -3f, 7f);
        if (file.endsWith(".pth")) {
            Bits.assertSame(tensors.get("f32_transposed"), ramp.transpose().dup('c'), "a strided view");
        } else {
            assertThat(TorchWeights.read(resource(file)).metadata()).containsEntry("note", "known values");
        }
    }

    @Test
    void aPickleThatCallsAFunctionIsRefusedNamingIt() throws IOException {
        // torch.save of os.system("true"): GLOBAL posix.system, its argument, REDUCE
        byte[] call = pickle("cposix\nsystem\nX\u0004\u0000\u0000\u0000true\u0085R.");
        assertRefused(checkpoint("system.pth", call), "names the global 'posix.system', which a state dict does "
                + "not hold");
        assertRefused(checkpoint("eval.pth", pickle("cbuiltins\neval\n.")), "'builtins.eval'");
        assertRefused(checkpoint("counter.pth", pickle("ccollections\nCounter\n)R.")), "'collections.Counter'");
        assertRefused(checkpoint("newobj.pth", pickle("ccollections\nOrderedDict\n)\u0081.")), "opcode 0x81");
    }

    @Test
    void refusesWhatIsNotAStateDict() throws IOException {
        assertRefused(Files.write(tmp.resolve("plain.pkl"), pickle("}.")), "a pickle, but not a PyTorch checkpoint");
        assertRefused(checkpoint("empty.pth", pickle("}.")), "holds no state dict");
        assertRefused(checkpoint("numbers.pth", pickle("}(X\u0001\u0000\u0000\u0000aK\u0001u.")),
                "entries that are not tensors: ['a']");
        assertRefused(checkpoint("missing.pth", pickle(tensorPickle(6))), "storage '0' is missing");
        assertRefused(checkpoint("short.pth", pickle(tensorPickle(6)), new byte[8]),
                "'a/data/0' holds 8 bytes, 24 expected");
        assertRefused(Files.writeString(tmp.resolve("text.pth"), "hello"), "none of the weights formats");
        assertRefused(tmp.resolve("absent.pth"), "no weights file here");
    }

    @Test
    void refusesSafetensorsWhoseHeaderLies() throws IOException {
        String tensor = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}";
        assertThat(TorchWeights.read(safetensors("ok.safetensors", tensor, 16)).tensors().get("w").shape())
                .containsExactly(2, 2);
        assertRefused(safetensors("short.safetensors", tensor, 12), "claims bytes 0..16");
        assertRefused(safetensors("size.safetensors", tensor.replace("[0,16]", "[0,12]"), 16),
                "claims bytes 0..12 for 16 bytes");
        assertRefused(safetensors("overlap.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":"
                + "[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 16), "overlap");
        assertRefused(safetensors("fp8.safetensors", tensor.replace("F32", "F8_E4M3"), 16),
                "dtype 'F8_E4M3', which zoo4j does not convert");
        assertRefused(safetensors("json.safetensors", "{not json}", 16), "header is not JSON");
        byte[] huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).put((byte) '{')
                .array();
        assertRefused(Files.write(tmp.resolve("huge.safetensors"), huge), "none of the weights formats");
        byte[] lying = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 20).put((byte) '{')
                .array();
        assertRefused(Files.write(tmp.resolve("lying.safetensors"), lying), "header claims 1048576 bytes, in a file "
                + "of 16");
    }

    @Test
    void aZipBombIsRefusedBeforeItInflates() throws IOException {
        Path bomb = tmp.resolve("bomb.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.putNextEntry(new ZipEntry("w.npy"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                zip.write(zeros); // 200 MB of zeros deflate to 200 KB
            }
        }
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        assertRefused(bomb, "'w.npy' holds more than");
    }

    /** Seeded truncations and flipped bytes: each damaged file reads (values changed) or is refused in one line. */
    @ParameterizedTest
    @ValueSource(strings = {"dtypes.safetensors", "dtypes.pth", "dtypes-torch2.pth", "dtypes-legacy.pth",
            "resnet20.pth"})
    void damagedFilesGiveOneLineErrors(String name) throws IOException {
        byte[] original = Files.readAllBytes(resource(name));
        for (int seed = 0; seed < 24; seed++) {
            Random random = new Random(seed);
            byte[] damaged = original.clone();
            if (seed % 2 == 1) {
                damaged = java.util.Arrays.copyOf(original, random.nextInt(original.length));
            } else {
                int at = random.nextInt(original.length);
                for (int i = at; i < Math.min(original.length, at + 8); i++) {
                    damaged[i] ^= (byte) (1 + random.nextInt(255));
                }
            }
            Path file = Files.write(tmp.resolve(seed + "-" + name), damaged);
            Throwable thrown = catchThrowable(() -> TorchWeights.read(file));
            if (thrown != null) {
                assertThat(thrown).as("seed %d", seed).isInstanceOf(IOException.class)
                        .hasMessageContaining(file.getFileName().toString()).hasMessageNotContaining("\n");
            }
        }
    }

    private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path file,
                                                                                                 String message) {
        return assertThatThrownBy(() -> TorchWeights.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.getFileName().toString()).hasMessageContaining(message)
                .hasMessageNotContaining("\n");
    }

    /** {'w': a float tensor of shape [elements] on storage '0'}, as torch.save writes it (without memo). */
    private static String tensorPickle(int elements) {
        return CraftedPickles.tensor(new long[]{elements}, new long[]{1}, elements);
    }

    private Path checkpoint(String name, byte[] pickle, byte[]... storage) throws IOException {
        return CraftedPickles.checkpoint(tmp.resolve(name), pickle, storage);
    }

    private Path safetensors(String name, String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
        out.write(json);
        out.write(new byte[dataBytes]);
        return Files.write(tmp.resolve(name), out.toByteArray());
    }
}
