package org.zoo4j.core.file;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.BaseDataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.core.JsonFactory;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.core.JsonToken;

import org.zoo4j.core.UntrustedText;
import org.zoo4j.layers.ConfigurationNames;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The zip inside a model file, in DL4J's {@link ModelSerializer} layout ({@value ModelSerializer#CONFIGURATION_JSON},
 * {@value ModelSerializer#COEFFICIENTS_BIN}, {@value ModelSerializer#UPDATER_BIN}) plus zoo4j's text entries as plain
 * UTF-8, so DL4J reads the files zoo4j writes. Read as untrusted data: {@code ModelSerializer}'s own reader loads
 * every entry into memory whatever its size and Java-deserializes {@value ModelSerializer#PREPROCESSOR_BIN}; this one
 * reads only the entries it knows, each within a size limit derived from the configuration, checks the arrays' headers
 * before ND4J allocates them, and reads the Java-serialized strings of earlier zoo4j versions through a filter that
 * admits nothing but a string.
 */
final class ModelZip {

    /** Where zoo4j versions before 0.2 kept their text entries: {@code ModelSerializer.addObjectToFile}'s folder. */
    static final String LEGACY_FOLDER = "objects/";

    private static final int MAX_ENTRIES = 256;
    private static final long MAX_CONFIGURATION_BYTES = 64L << 20;
    private static final long MAX_TEXT_BYTES = 16L << 20;
    private static final int MAX_JSON_DEPTH = 256;
    /** Updater state per parameter: AMSGrad, the largest of DL4J's updaters, keeps three. */
    private static final int MAX_UPDATER_STATE_PER_PARAMETER = 3;
    /** Bytes an ND4J array's two headers take besides the shape (allocation mode, length, type, twice). */
    private static final int ARRAY_HEADER_SLACK = 256;
    private static final Set<DataType> PARAMETER_TYPES = Set.of(DataType.FLOAT, DataType.DOUBLE);

    private ModelZip() {
    }

    /**
     * A model file's network, its text entries by name (legacy ones under their name without the folder), and its
     * averaged parameters ({@link ModelFile#AVERAGED_WEIGHTS}), or null when it has none.
     */
    record Contents(ComputationGraph net, Map<String, String> text, INDArray averaged) {
    }

    /**
     * Writes the network, its updater state when {@code withUpdater}, {@code text} as UTF-8 entries, and
     * {@code averaged} parameters when not null.
     */
    static void write(Path target, ComputationGraph net, boolean withUpdater, Map<String, String> text,
                      INDArray averaged) throws IOException {
        try (OutputStream file = Files.newOutputStream(target);
             ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(file))) {
            put(zip, ModelSerializer.CONFIGURATION_JSON, net.getConfiguration().toJson());
            put(zip, ModelSerializer.COEFFICIENTS_BIN, net.params());
            INDArray state = net.getUpdater() == null ? null : net.getUpdater().getStateViewArray();
            if (withUpdater && state != null && state.length() > 0) {
                put(zip, ModelSerializer.UPDATER_BIN, state);
            }
            for (Map.Entry<String, String> e : text.entrySet()) {
                put(zip, e.getKey(), e.getValue());
            }
            if (averaged != null) {
                put(zip, ModelFile.AVERAGED_WEIGHTS, averaged);
            }
        }
    }

    /**
     * Reads a model file's network (with its updater state when {@code withUpdater} and the file has one) and its
     * text entries named in {@code textEntries}; other entries are not read.
     *
     * @throws IOException saying what in the file is wrong
     */
    static Contents read(Path file, boolean withUpdater, Set<String> textEntries) throws IOException {
        ReadBudget budget = ReadBudget.of(file);
        try (ZipFile zip = open(file)) {
            String json = utf8(zip, budget, required(zip, ModelSerializer.CONFIGURATION_JSON),
                    MAX_CONFIGURATION_BYTES);
            ComputationGraphConfiguration conf = configuration(json);
            long parameters = conf.getVertices().values().stream().mapToLong(v -> v.numParams(true)).sum();
            INDArray params = array(zip, budget, required(zip, ModelSerializer.COEFFICIENTS_BIN), parameters,
                    parameters);
            ZipEntry updater = zip.getEntry(ModelSerializer.UPDATER_BIN);
            INDArray state = withUpdater && updater != null
                    ? array(zip, budget, updater, 0, parameters * MAX_UPDATER_STATE_PER_PARAMETER) : null;

            conf.setDataType(params.dataType());
            ComputationGraph net = new ComputationGraph(conf);
            net.init(params, false);
            if (state != null) {
                net.getUpdater().setStateViewArray(state);
            }
            ZipEntry averaged = zip.getEntry(ModelFile.AVERAGED_WEIGHTS);
            return new Contents(net, text(zip, budget, textEntries), averaged == null ? null
                    : array(zip, budget, averaged, parameters, parameters));
        }
    }

    /** The file's averaged parameters, or null when it has none; the network is not built. */
    static INDArray averaged(Path file) throws IOException {
        ReadBudget budget = ReadBudget.of(file);
        try (ZipFile zip = open(file)) {
            ZipEntry averaged = zip.getEntry(ModelFile.AVERAGED_WEIGHTS);
            if (averaged == null) {
                return null;
            }
            ComputationGraphConfiguration conf = configuration(utf8(zip, budget,
                    required(zip, ModelSerializer.CONFIGURATION_JSON), MAX_CONFIGURATION_BYTES));
            long parameters = conf.getVertices().values().stream().mapToLong(v -> v.numParams(true)).sum();
            return array(zip, budget, averaged, parameters, parameters);
        }
    }

    /** The text entries named in {@code names} that the file has; the network is not read. */
    static Map<String, String> text(Path file, Set<String> names) throws IOException {
        try (ZipFile zip = open(file)) {
            return text(zip, ReadBudget.of(file), names);
        }
    }

    private static Map<String, String> text(ZipFile zip, ReadBudget budget, Set<String> names) throws IOException {
        Map<String, String> text = new LinkedHashMap<>();
        for (String name : names) {
            ZipEntry plain = zip.getEntry(name);
            ZipEntry legacy = zip.getEntry(LEGACY_FOLDER + name);
            if (plain != null) {
                text.put(name, utf8(zip, budget, plain, MAX_TEXT_BYTES));
            } else if (legacy != null) {
                text.put(name, legacyString(zip, budget, legacy));
            }
        }
        return text;
    }

    private static ZipFile open(Path file) throws IOException {
        ZipFile zip = new ZipFile(file.toFile());
        int entries = zip.size();
        if (entries > MAX_ENTRIES) {
            zip.close();
            throw new IOException("it has " + entries + " entries; a model file has a handful");
        }
        return zip;
    }

    private static ZipEntry required(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException("it has no " + name);
        }
        return entry;
    }

    private static ComputationGraphConfiguration configuration(String json) throws IOException {
        checkStructure(json);
        ComputationGraphConfiguration conf;
        try {
            conf = ComputationGraphConfiguration.fromJson(ConfigurationNames.current(json));
        } catch (RuntimeException e) {
            throw new IOException(ModelSerializer.CONFIGURATION_JSON + " is not a DL4J ComputationGraph configuration"
                    + " (a MultiLayerNetwork file, or damaged)", e);
        }
        if (conf.getNetworkInputs() == null || conf.getVertices() == null || conf.getVertices().isEmpty()) {
            throw new IOException(ModelSerializer.CONFIGURATION_JSON + " describes no ComputationGraph");
        }
        return conf;
    }

    /**
     * Refuses, before Jackson builds anything from it, JSON nested deeper than any network configuration is, and a
     * {@code @class} outside {@link ConfigurationClasses}: DL4J's mapper would instantiate any class it names.
     */
    private static void checkStructure(String json) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            int depth = 0;
            for (var token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructStart() && ++depth > MAX_JSON_DEPTH) {
                    throw new IOException(ModelSerializer.CONFIGURATION_JSON + " is nested deeper than "
                            + MAX_JSON_DEPTH + " levels");
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.FIELD_NAME && "@class".equals(parser.getCurrentName())) {
                    parser.nextToken();
                    String name = parser.getText();
                    if (!ConfigurationClasses.allowed(name)) {
                        throw new IOException(ModelSerializer.CONFIGURATION_JSON + " names the class "
                                + UntrustedText.quote(name) + ", which no network configuration uses");
                    }
                }
            }
        } catch (org.nd4j.shade.jackson.core.JsonProcessingException e) {
            throw new IOException(ModelSerializer.CONFIGURATION_JSON + " is not JSON ("
                    + UntrustedText.oneLine(e.getOriginalMessage()) + ")");
        }
    }

    /**
     * An ND4J array entry holding between {@code min} and {@code max} floating-point values, as the vector a
     * network's parameters are. Its two headers (shape, then data) are checked against the entry's real size, and its
     * values are read here, in Java: the file's shape, strides and offset never reach ND4J, which would trust them.
     */
    private static INDArray array(ZipFile zip, ReadBudget budget, ZipEntry entry, long min, long max)
            throws IOException {
        byte[] bytes = budget.readAtMost(zip, entry, ARRAY_HEADER_SLACK + max * Double.BYTES);
        String name = entry.getName();
        DataType type;
        int values;
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            var shape = BaseDataBuffer.readHeader(in);
            if (shape.getMiddle() < 0 || shape.getMiddle() > 2 * 32 + 4 || shape.getRight().width() <= 0) {
                throw new IOException(name + " has a shape header of " + shape.getMiddle() + " values");
            }
            in.skipNBytes(shape.getMiddle() * shape.getRight().width());
            var data = BaseDataBuffer.readHeader(in);
            type = data.getRight();
            if (!PARAMETER_TYPES.contains(type)) {
                throw new IOException(name + " holds " + type + " values; zoo4j reads float and double parameters");
            }
            if (data.getMiddle() < min || data.getMiddle() > max
                    || data.getMiddle() * type.width() != in.available()) {
                throw new IOException(name + " declares " + data.getMiddle() + " values in " + in.available()
                        + " bytes of " + type + " (the configuration has " + min + " parameters)");
            }
            values = Math.toIntExact(data.getMiddle());
        } catch (RuntimeException | java.io.EOFException e) {
            throw new IOException(name + " is not an ND4J array", e);
        }
        // ND4J's DataBuffer.write: the values last, big-endian (DataOutputStream)
        ByteBuffer raw = ByteBuffer.wrap(bytes, bytes.length - values * type.width(), values * type.width())
                .order(ByteOrder.BIG_ENDIAN);
        if (type == DataType.FLOAT) {
            float[] v = new float[values];
            raw.asFloatBuffer().get(v);
            return Nd4j.createFromArray(v);
        }
        double[] v = new double[values];
        raw.asDoubleBuffer().get(v);
        return Nd4j.createFromArray(v);
    }

    private static String utf8(ZipFile zip, ReadBudget budget, ZipEntry entry, long limit) throws IOException {
        return new String(budget.readAtMost(zip, entry, limit), StandardCharsets.UTF_8);
    }


    /**
     * A text entry of zoo4j before 0.2: a Java-serialized {@link String}. A filter refuses any class in the stream,
     * so nothing but a string (which the stream encodes without a class) is ever built from it.
     */
    private static String legacyString(ZipFile zip, ReadBudget budget, ZipEntry entry) throws IOException {
        byte[] bytes = budget.readAtMost(zip, entry, MAX_TEXT_BYTES);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter(
                    "maxdepth=1;maxrefs=1;maxbytes=" + (MAX_TEXT_BYTES + 16) + ";!*"));
            if (in.readObject() instanceof String text) {
                return text;
            }
        } catch (ClassNotFoundException | java.io.InvalidClassException e) {
            throw new IOException(entry.getName() + " holds a serialized object, not text; zoo4j reads no objects");
        } catch (java.io.StreamCorruptedException | java.io.EOFException e) {
            throw new IOException(entry.getName() + " is damaged (" + e.getMessage() + ")");
        }
        throw new IOException(entry.getName() + " holds no text");
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static void put(ZipOutputStream zip, String name, INDArray array) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        DataOutputStream out = new DataOutputStream(zip); // not closed: that would close the zip
        Nd4j.write(array, out);
        out.flush();
        zip.closeEntry();
    }
}
