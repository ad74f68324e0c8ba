package org.zoo4j.core.file;

import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.core.Normalization;
import org.zoo4j.layers.testing.Bits;
import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.zoo.Zoo4jModel;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A model file is what users receive from others: it is read as data, within limits, and never deserialized. */
class UntrustedModelFileTest {

    @TempDir
    static Path tmp;

    private static ModelFile model;
    private static Path good;

    @BeforeAll
    static void writeOne() throws IOException {
        Zoo4jModel zoo = ModelRegistry.builder("resnet20").build();
        model = new ModelFile(zoo.init(), zoo.card(Normalization.CIFAR10,
                List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), "a test"));
        good = tmp.resolve("good.zip");
        model.save(good, true, Map.of("zoo4j-training.json", "{\"epoch\": 3}"));
    }

    @Test
    void writesNoJavaSerializedEntry() throws IOException {
        try (ZipFile zip = new ZipFile(good.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            assertThat(names).containsExactly("configuration.json", "coefficients.bin", "updaterState.bin",
                    ModelFile.CARD, "zoo4j-training.json");
            for (String name : names) {
                byte[] head = zip.getInputStream(zip.getEntry(name)).readNBytes(2);
                assertThat(head).as(name).isNotEqualTo(new byte[]{(byte) 0xAC, (byte) 0xED});
            }
            assertThat(new String(zip.getInputStream(zip.getEntry(ModelFile.CARD)).readAllBytes(),
                    StandardCharsets.UTF_8)).isEqualTo(model.card().toJson());
        }
        assertThat(ModelFile.entry(good, "zoo4j-training.json")).isEqualTo("{\"epoch\": 3}");
        ModelFile back = ModelFile.load(good, true);
        assertThat(back.card()).isEqualTo(model.card());
        Bits.assertSame(back.net().params(), model.net().params(), "parameters");
        Bits.assertSame(back.net().getUpdater().getStateViewArray(), model.net().getUpdater().getStateViewArray(),
                "updater state");
    }

    @Test
    void readsTheJavaSerializedCardOfEarlierVersions() throws IOException {
        Path old = tmp.resolve("old.zip");
        ModelSerializer.writeModel(model.net(), old.toFile(), false); // as zoo4j 0.1 wrote its files
        ModelSerializer.addObjectToFile(old.toFile(), ModelFile.CARD, model.card().toJson());
        ModelFile back = ModelFile.load(old);
        assertThat(back.card()).isEqualTo(model.card());
        Bits.assertSame(back.net().params(), model.net().params(), "parameters");
    }

    @Test
    @Timeout(10)
    void refusesASerializedObjectGraphInACardAtOnce() throws IOException {
        Path bomb = tmp.resolve("bomb.zip");
        ModelSerializer.writeModel(model.net(), bomb.toFile(), false);
        ModelSerializer.addObjectToFile(bomb.toFile(), ModelFile.CARD, hashSetBomb());
        long start = System.nanoTime();
        assertThatThrownBy(() -> ModelFile.load(bomb)).isInstanceOf(IOException.class)
                .hasMessageContaining("bomb.zip").hasMessageContaining("holds a serialized object, not text");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
    }

    @Test
    void neverReadsDl4jsSerializedPreprocessor() throws IOException {
        Path withPreprocessor = rewritten("preprocessor.zip", Map.of("preprocessor.bin", serialized(new Tripwire())));
        Tripwire.deserialized.set(false);
        assertThat(ModelFile.load(withPreprocessor).card()).isEqualTo(model.card());
        assertThat(Tripwire.deserialized).isFalse();
    }

    @Test
    void refusesArraysWhoseHeadersLie() throws IOException {
        byte[] coefficients = entry(good, "coefficients.bin");
        byte[] truncated = Arrays.copyOf(coefficients, coefficients.length - 4);
        assertRefused(rewritten("truncated.zip", Map.of("coefficients.bin", truncated)),
                "coefficients.bin declares " + model.net().numParams() + " values in");
        assertRefused(rewritten("huge.zip", Map.of("coefficients.bin", array(1L << 40))),
                "coefficients.bin declares 1099511627776 values");
        assertRefused(rewritten("ints.zip", Map.of("coefficients.bin",
                serialized(Nd4j.zeros(DataType.INT, 1, model.net().numParams())))), "holds INT values");
        assertRefused(rewritten("garbage.zip", Map.of("coefficients.bin", "not an array".getBytes())),
                "coefficients.bin is not an ND4J array");
    }

    @Test
    void refusesOversizedAndNestedEntries() throws IOException {
        assertRefused(rewritten("bigcard.zip", Map.of(ModelFile.CARD, new byte[(16 << 20) + 1])),
                "'" + ModelFile.CARD + "' holds more than 16777216 bytes");
        assertRefused(rewritten("deep.zip", Map.of("configuration.json",
                "[".repeat(100_000).getBytes())), "configuration.json is nested deeper than 256 levels");
        assertRefused(rewritten("noconf.zip", Map.of("configuration.json", "{}".getBytes())),
                "describes no ComputationGraph");
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            many.put("extra/" + i, new byte[0]);
        }
        assertRefused(rewritten("many.zip", many), "entries; a model file has a handful");
        assertRefused(Files.write(tmp.resolve("text.zip"), "hello".getBytes()), "text.zip");
        String card = new String(entry(good, ModelFile.CARD), StandardCharsets.UTF_8)
                .replaceFirst("\"inputShape\"\\s*:\\s*\\[[^]]*]", "\"inputShape\":[3,1000000,1000000]");
        assertThat(card).contains("1000000");
        assertRefused(rewritten("hugeinput.zip", Map.of(ModelFile.CARD, card.getBytes(StandardCharsets.UTF_8))),
                "input is at most 64 channels of 8192 x 8192 pixels, got [3, 1000000, 1000000]");
    }

    /**
     * The shape header of coefficients.bin (rank, sizes, strides, order) used to go to ND4J as it was: a stride
     * reaching terabytes past the buffer. zoo4j reads the values itself, as the vector parameters are.
     */
    @Test
    void theArraysOwnStridesNeverReachNativeCode() throws IOException {
        byte[] coefficients = entry(good, "coefficients.bin");
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(coefficients));
        var header = org.nd4j.linalg.api.buffer.BaseDataBuffer.readHeader(in);
        int shapeInfo = coefficients.length - in.available();
        java.nio.ByteBuffer patched = java.nio.ByteBuffer.wrap(coefficients.clone());
        assertThat(header.getMiddle()).isEqualTo(6L); // rank 1: rank, size, stride, extras, ews, order
        assertThat(patched.getLong(shapeInfo)).isEqualTo(1L);
        patched.putLong(shapeInfo + 2 * 8, 1L << 40);

        ModelFile read = ModelFile.load(rewritten("strides.zip", Map.of("coefficients.bin", patched.array())));
        Bits.assertSame(read.net().params(), model.net().params(), "parameters");
    }

    /**
     * A configuration of 21.8 million parameters with coefficients of zeros, which deflate to next to nothing: the
     * file may inflate to four times its size (plus 64 MiB), not to what its own configuration claims.
     */
    @Test
    void aFileInflatesToAMultipleOfItsSizeNotToWhatItsConfigurationClaims() throws IOException {
        var conf = ModelRegistry.builder("resnet34_imagenet").build().conf();
        long parameters = conf.getVertices().values().stream().mapToLong(v -> v.numParams(true)).sum();
        Path bomb = tmp.resolve("zeros.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.putNextEntry(new ZipEntry("configuration.json"));
            zip.write(conf.toJson().getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("coefficients.bin"));
            zip.write(array(parameters)); // headers for that many floats, then the floats: zeros
            zip.write(new byte[Math.toIntExact(parameters * Float.BYTES)]);
        }
        assertThat(Files.size(bomb)).isLessThan(1 << 20);
        assertRefused(bomb, "'coefficients.bin' holds more than");
    }

    /** DL4J's mapper instantiates whatever class "@class" names: only configuration classes get that far. */
    @Test
    void aConfigurationNamingAClassOutsideTheConfigurationPackagesIsRefused() throws IOException {
        String json = new String(entry(good, "configuration.json"), StandardCharsets.UTF_8);
        String gadget = json.replaceFirst("org\\.deeplearning4j\\.nn\\.conf\\.layers\\.OutputLayer", "java.net.URL");
        assertThat(gadget).contains("java.net.URL");
        assertRefused(rewritten("gadget.zip", Map.of("configuration.json", gadget.getBytes(StandardCharsets.UTF_8))),
                "configuration.json names the class 'java.net.URL', which no network configuration uses");
    }

    @Test
    void usersAllowThePackagesOfTheirOwnConfigurationClasses() {
        assertThat(ConfigurationClasses.allowed("com.example.untrusted.MyLayer")).isFalse();
        ConfigurationClasses.allow("com.example.untrusted");
        assertThat(ConfigurationClasses.allowed("com.example.untrusted.MyLayer")).isTrue();
        assertThat(ConfigurationClasses.allowed("com.example.untrustedother.MyLayer")).isFalse();
        assertThat(ConfigurationClasses.allowed("org.deeplearning4j.nn.conf.layers.OutputLayer")).isTrue();
        assertThat(ConfigurationClasses.allowed("org.deeplearning4j.nn.conf.layers.Output Layer")).isFalse();
    }

    private static void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.getFileName().toString()).hasMessageContaining(message)
                .hasMessageNotContaining("\n");
    }

    /** {@link #good} with some entries replaced or added. */
    private static Path rewritten(String name, Map<String, byte[]> replaced) throws IOException {
        Path out = tmp.resolve(name);
        try (ZipFile in = new ZipFile(good.toFile());
             ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            Set<String> done = new HashSet<>();
            for (ZipEntry e : in.stream().toList()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(replaced.containsKey(e.getName()) ? replaced.get(e.getName())
                        : in.getInputStream(e).readAllBytes());
                done.add(e.getName());
            }
            for (Map.Entry<String, byte[]> e : replaced.entrySet()) {
                if (!done.contains(e.getKey())) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                }
            }
        }
        return out;
    }

    private static byte[] entry(Path file, String name) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getInputStream(zip.getEntry(name)).readAllBytes();
        }
    }

    /** An ND4J float array whose data header declares {@code values} values, followed by none. */
    private static byte[] array(long values) throws IOException {
        byte[] real = serialized(Nd4j.zeros(1, 1));
        java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(real));
        var shape = org.nd4j.linalg.api.buffer.BaseDataBuffer.readHeader(in);
        in.skipNBytes(shape.getMiddle() * shape.getRight().width());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(out);
        data.write(real, 0, real.length - in.available()); // the shape as it was, then a data header that lies
        data.writeUTF(shape.getLeft().name());
        data.writeLong(values);
        data.writeUTF("FLOAT");
        return out.toByteArray();
    }

    private static byte[] serialized(org.nd4j.linalg.api.ndarray.INDArray array) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Nd4j.write(array, new DataOutputStream(out));
        return out.toByteArray();
    }

    private static byte[] serialized(Serializable object) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(object);
        }
        return out.toByteArray();
    }

    /** The well-known deserialization bomb: nested sets whose hashing takes 2^depth steps. */
    private static HashSet<Object> hashSetBomb() {
        HashSet<Object> root = new HashSet<>();
        HashSet<Object> s1 = root;
        HashSet<Object> s2 = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            HashSet<Object> t1 = new HashSet<>();
            HashSet<Object> t2 = new HashSet<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }

    /** Records being deserialized: a stand-in for a gadget whose readObject does harm. */
    static final class Tripwire implements Serializable {
        static final AtomicBoolean deserialized = new AtomicBoolean();

        private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            deserialized.set(true);
        }
    }
}
