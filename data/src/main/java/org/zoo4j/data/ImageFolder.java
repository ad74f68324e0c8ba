package org.zoo4j.data;

import org.zoo4j.core.Images;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Labelled images in a folder per class, the layout of torchvision's {@code ImageFolder} and Keras'
 * {@code image_dataset_from_directory}: {@code DIR/<class>/<image>}. Classes are the sorted folder names; images are
 * PNG, JPEG, BMP or GIF files of any size and colour model, in sorted order. Every file's header is read when the
 * folder is scanned, so a file that is not an image is named at once (or skipped and counted, if asked).
 */
public final class ImageFolder implements ImageDataset, HoldOut<ImageFolder.Partition>, Serializable {

    private static final long serialVersionUID = 1L;

    /** File endings read as images. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    /** An image and the index of its class. */
    public record Entry(Path file, int label) {
    }

    public record Partition(ImageFolder train, ImageFolder validation) implements ImageDataset.Partition {
    }

    private final List<Entry> entries;
    private final List<String> classes;
    private final String source;
    private final List<Path> skipped;

    private ImageFolder(List<Entry> entries, List<String> classes, String source, List<Path> skipped) {
        this.entries = List.copyOf(entries);
        this.classes = List.copyOf(classes);
        this.source = source;
        this.skipped = List.copyOf(skipped);
    }

    /**
     * Scans {@code dir}, whose sub-folders are the classes.
     *
     * @param skipBad skip files that are not readable images (see {@link #skipped()}) instead of failing
     * @throws IllegalArgumentException naming the problem: no class folders, one class, an empty class, a file that
     *                                  is not an image
     */
    public static ImageFolder scan(Path dir, boolean skipBad) throws IOException {
        List<String> classes = classFolders(dir);
        if (classes.isEmpty()) {
            throw new IllegalArgumentException(dir + " has no class folders: put each class's images in a folder of "
                    + "its own, " + dir + "/<class>/<image>");
        }
        if (classes.size() == 1) {
            throw new IllegalArgumentException(dir + " has one class folder (" + classes.get(0) + "); a classifier "
                    + "needs at least two");
        }
        return scan(dir, classes, skipBad);
    }

    /**
     * Scans {@code dir} for the given classes (a training folder's, or a model's); a class folder may be missing here,
     * but every folder here must be one of them.
     */
    public static ImageFolder scan(Path dir, List<String> classes, boolean skipBad) throws IOException {
        for (String found : classFolders(dir)) {
            if (!classes.contains(found)) {
                throw new IllegalArgumentException(dir + " has a class '" + found + "' that is not among the known "
                        + "classes " + classes + " (the training images', or the model's)");
            }
        }
        List<Entry> entries = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            Path folder = dir.resolve(classes.get(label));
            if (!Files.isDirectory(folder)) {
                continue;
            }
            int before = entries.size();
            for (Path file : imageFiles(folder)) {
                String problem = headerProblem(file);
                if (problem == null) {
                    entries.add(new Entry(file, label));
                } else if (skipBad) {
                    skipped.add(file);
                } else {
                    throw new UnreadableImageException(file, problem);
                }
            }
            if (entries.size() == before) {
                throw new IllegalArgumentException("class folder " + folder + " holds no readable image ("
                        + String.join(", ", EXTENSIONS.stream().sorted().toList()) + ")");
            }
        }
        return new ImageFolder(entries, classes, dir.toString(), skipped);
    }

    private static List<String> classFolders(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no image folder here");
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".")).sorted().toList();
        }
    }

    private static List<Path> imageFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).filter(ImageFolder::isImageName).sorted().toList();
        }
    }

    static boolean isImageName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Why the file is not a readable image, from its header, or null when it is one. */
    private static String headerProblem(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return "is not a PNG, JPEG, BMP or GIF image";
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                return pixels <= 0 ? "has no pixels" : pixels > Images.MAX_PIXELS ? "declares " + reader.getWidth(0)
                        + "x" + reader.getHeight(0) + " pixels, more than the " + Images.MAX_PIXELS + " zoo4j decodes"
                        : null;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return "is not a readable image (" + e.getMessage() + ")";
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    @Override
    public int label(int index) {
        return entries.get(index).label();
    }

    /** Decodes image {@code index} from its file. */
    @Override
    public BufferedImage read(int index) {
        Path file = entries.get(index).file();
        try {
            return Images.read(file);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException(file, "cannot be decoded: " + e.getMessage());
        }
    }

    /** Class names in label order (the sorted folder names). */
    @Override
    public List<String> classes() {
        return classes;
    }

    /** Files skipped as unreadable when scanning with {@code skipBad}. */
    public List<Path> skipped() {
        return skipped;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public Partition holdOut(int count, long seed) {
        return partition(HoldOut.random(size(), count, seed, source));
    }

    @Override
    public Partition holdOutLast(int count) {
        return partition(HoldOut.last(size(), count, source));
    }

    /** The first {@code n} images of each class, for experiments with few labels. */
    public ImageFolder perClass(int n) {
        int[] taken = new int[classes.size()];
        List<Entry> kept = entries.stream().filter(e -> taken[e.label()]++ < n).toList();
        return new ImageFolder(kept, classes, source + " (" + n + " per class)", skipped);
    }

    /**
     * Serialized as file names ({@link Path} is not serializable): a folder sent to a Spark executor names the same
     * files, which a cluster reads from a file system all its machines share.
     */
    private Object writeReplace() {
        return new Form(entries.stream().map(e -> e.file().toString()).toList(),
                entries.stream().mapToInt(Entry::label).toArray(), classes, source,
                skipped.stream().map(Path::toString).toList());
    }

    private record Form(List<String> files, int[] labels, List<String> classes, String source, List<String> skipped)
            implements Serializable {
        private Object readResolve() {
            List<Entry> entries = new ArrayList<>(files.size());
            for (int i = 0; i < files.size(); i++) {
                entries.add(new Entry(Path.of(files.get(i)), labels[i]));
            }
            return new ImageFolder(entries, classes, source, skipped.stream().map(Path::of).toList());
        }
    }

    private Partition partition(int[][] parts) {
        return new Partition(subset(parts[0], " (train part)"), subset(parts[1], " (validation part)"));
    }

    private ImageFolder subset(int[] indices, String what) {
        List<Entry> picked = new ArrayList<>();
        for (int i : indices) {
            picked.add(entries.get(i));
        }
        return new ImageFolder(picked, classes, source + what, skipped);
    }
}
