package org.zoo4j.core.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** Class names for model cards: ImageNet's and CIFAR-10's, a file of one name per line, or plain numbers. */
public final class Labels {

    private static final String IMAGENET = "imagenet-classes.txt";
    private static final List<String> CIFAR10 = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private Labels() {
    }

    /** The 1,000 ImageNet classes in torchvision's output order (from {@code tools/torch/imagenet_classes.py}). */
    public static List<String> imagenet() {
        try (InputStream in = Labels.class.getResourceAsStream(IMAGENET)) {
            if (in == null) {
                throw new IllegalStateException(IMAGENET + " is missing from the zoo4j-core jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + IMAGENET + " from the zoo4j-core jar", e);
        }
    }

    /** CIFAR-10's classes in label order, as its batches.meta.txt lists them. */
    public static List<String> cifar10() {
        return CIFAR10;
    }

    /** "0".."n-1". */
    public static List<String> numbered(int classes) {
        return IntStream.range(0, classes).mapToObj(String::valueOf).toList();
    }

    /**
     * Names for a classifier whose classes nobody named: ImageNet's for 1,000 outputs (the convention of every
     * published 1,000-class checkpoint), else numbers; ten classes are not always CIFAR-10's.
     */
    public static List<String> defaultFor(int classes) {
        return classes == 1000 ? imagenet() : numbered(classes);
    }

    /**
     * {@code imagenet}, {@code cifar10}, or a text file of one class name per line (blank lines ignored).
     *
     * @throws IllegalArgumentException naming the file when it has no names
     */
    public static List<String> named(String spec) throws IOException {
        return switch (spec) {
            case "imagenet" -> imagenet();
            case "cifar10" -> cifar10();
            default -> {
                Path file = Path.of(spec);
                if (!Files.isRegularFile(file)) {
                    throw new NoSuchFileException(spec, null, "no labels file here (or give imagenet or cifar10)");
                }
                List<String> names = Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty())
                        .toList();
                if (names.isEmpty()) {
                    throw new IllegalArgumentException(file + " holds no class names (one per line)");
                }
                yield names;
            }
        };
    }
}
