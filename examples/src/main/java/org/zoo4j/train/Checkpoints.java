package org.zoo4j.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The checkpoints of one run, in {@code OUT/checkpoints}: {@code epoch-0007.zip} for the last few epochs and
 * {@code best.zip}. Each is a DL4J {@link ModelSerializer} file (network, updater state) with the
 * {@link TrainingState} added as an object. A checkpoint is written to a temporary file, flushed to disk and then
 * atomically renamed, so a process killed at any moment leaves either the previous set or the new one; a damaged
 * file (e.g. from a crashed disk) is detected on resume, reported and skipped.
 */
public final class Checkpoints {

    static final String STATE = "zoo4j-state.json";
    private static final String PREFIX = "epoch-";

    private final Path dir;
    private final int keep;

    public Checkpoints(Path out, int keep) {
        this.dir = out.resolve("checkpoints");
        this.keep = keep;
    }

    /** A checkpoint as read back. */
    public record Loaded(Path file, ComputationGraph net, TrainingState state) {
    }

    public Path dir() {
        return dir;
    }

    /** Writes the checkpoint after {@code state.epochsDone()} epochs; keeps the newest {@code keep} of them. */
    public Path save(ComputationGraph net, TrainingState state) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(String.format("%s%04d.zip", PREFIX, state.epochsDone()));
        Path tmp = AtomicFiles.temporaryFor(target);
        ModelSerializer.writeModel(net, tmp.toFile(), true);
        ModelSerializer.addObjectToFile(tmp.toFile(), STATE, state.toJson());
        AtomicFiles.commit(tmp, target);
        prune();
        return target;
    }

    /** Copies a saved checkpoint to {@code best.zip}, atomically. */
    public Path markBest(Path checkpoint) throws IOException {
        Path best = dir.resolve("best.zip");
        Path tmp = AtomicFiles.temporaryFor(best);
        Files.copy(checkpoint, tmp, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.commit(tmp, best);
        return best;
    }

    private void prune() throws IOException {
        List<Path> epochs = epochFiles();
        for (int i = keep; i < epochs.size(); i++) {
            Files.delete(epochs.get(i));
        }
    }

    /** Epoch checkpoints, newest first. */
    List<Path> epochFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, PREFIX + "*.zip")) {
                stream.forEach(files::add);
            }
        }
        files.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        return files;
    }

    /**
     * The newest checkpoint that loads completely; each damaged one is reported on {@code log} and skipped. Leftover
     * temporary files of an interrupted write are removed.
     */
    public Optional<Loaded> newestValid(PrintWriter log) throws IOException {
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> tmps = Files.newDirectoryStream(dir, ".*.tmp")) {
                for (Path tmp : tmps) {
                    log.println("zoo4j: removing " + tmp.getFileName() + ", left by an interrupted checkpoint write");
                    Files.delete(tmp);
                }
            }
        }
        for (Path file : epochFiles()) {
            try {
                return Optional.of(load(file));
            } catch (IOException | RuntimeException e) {
                log.println("zoo4j: skipping damaged checkpoint " + file + ": " + e.getMessage());
            }
        }
        log.flush();
        return Optional.empty();
    }

    /**
     * Reads a zoo4j checkpoint.
     *
     * @throws IOException naming the file when it is missing, damaged or not a zoo4j checkpoint
     */
    public static Loaded load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no checkpoint here");
        }
        String json;
        ComputationGraph net;
        try {
            if (!ModelSerializer.listObjectsInFile(file.toFile()).contains(STATE)) {
                throw new IOException(file + " is a DL4J model but not a zoo4j checkpoint (no " + STATE + ")");
            }
            json = ModelSerializer.getObjectFromFile(file.toFile(), STATE);
            net = ModelSerializer.restoreComputationGraph(file.toFile(), true);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a readable zoo4j checkpoint (" + e.getMessage() + ")", e);
        }
        return new Loaded(file, net, TrainingState.fromJson(json));
    }
}
