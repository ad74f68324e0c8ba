package org.zoo4j.weights;

import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.zoo4j.core.file.ModelFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * zoo4j's own trained weights, shipped in this jar and loaded by tag: {@code PretrainedWeights.load("resnet20.cifar10")}
 * gives a ready network with its card. Nothing is downloaded; every load checks the file's SHA-256.
 */
public final class PretrainedWeights {

    static final String INDEX = "weights.json";

    private PretrainedWeights() {
    }

    /** Every shipped weight file. */
    public static List<Pretrained> available() {
        try (InputStream in = PretrainedWeights.class.getResourceAsStream(INDEX)) {
            if (in == null) {
                return List.of();
            }
            return new ObjectMapper().readValue(in, new TypeReference<List<Pretrained>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("the zoo4j-weights jar's " + INDEX + " is unreadable", e);
        }
    }

    public static Optional<Pretrained> find(String tag) {
        return available().stream().filter(p -> p.tag().equals(tag)).findFirst();
    }

    /** Whether {@code name} is a shipped tag. */
    public static boolean isTag(String name) {
        return find(name).isPresent();
    }

    /**
     * The shipped weight file as a file on disk (a temporary copy), its SHA-256 checked.
     *
     * @throws IllegalArgumentException naming the shipped tags when {@code tag} is none of them
     * @throws IOException              when the file in the jar does not match its checksum
     */
    public static Path file(String tag) throws IOException {
        return file(find(tag).orElseThrow(() -> new IllegalArgumentException("no shipped weights '" + tag
                + "'; shipped: " + available().stream().map(Pretrained::tag).toList())));
    }

    /** {@link #file(String)} for an entry of the index; nothing is written when the checksum fails. */
    static Path file(Pretrained p) throws IOException {
        String tag = p.tag();
        byte[] bytes;
        try (InputStream in = PretrainedWeights.class.getResourceAsStream(p.file())) {
            if (in == null) {
                throw new IOException(p.file() + " is missing from the zoo4j-weights jar");
            }
            bytes = in.readAllBytes();
        }
        String actual = sha256(bytes);
        if (!actual.equals(p.sha256())) {
            throw new IOException(tag + ": the shipped file's SHA-256 is " + actual + ", the index says " + p.sha256()
                    + "; the jar is damaged");
        }
        Path file = Files.createTempFile(tag + "-", ".zip");
        file.toFile().deleteOnExit();
        Files.write(file, bytes);
        return file;
    }

    /** What a shipped weight is (size, cost, input, accuracy, recipe, license): its file is read and checked. */
    public static WeightsMeta meta(String tag) throws IOException {
        Pretrained p = find(tag).orElseThrow(() -> new IllegalArgumentException("no shipped weights '" + tag + "'"));
        Path file = file(p);
        try {
            return WeightsMeta.of(p, ModelFile.load(file), Files.size(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The network and its card. */
    public static ModelFile load(String tag) throws IOException {
        return ModelFile.load(file(tag));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
