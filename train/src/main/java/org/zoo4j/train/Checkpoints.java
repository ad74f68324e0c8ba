package org.zoo4j.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zoo4j.core.file.AtomicFiles;
import org.zoo4j.core.file.ModelFile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A directory of checkpoints: {@code epoch-0007.zip} per epoch and {@code best.zip}. Each is a {@link ModelFile}
 * (network, updater state, card) with the {@link TrainingState} added as {@value #STATE}, written atomically, so a
 * process killed at any moment leaves either the previous set or the new one; a damaged file is reported and skipped
 * when looking for the one to resume from.
 */
public final class Checkpoints {

    public static final String STATE = "zoo4j-training.json";
    private static final String PREFIX = "epoch-";
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

    private final Path dir;

    public Checkpoints(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path best() {
        return dir.resolve("best.zip");
    }

    /**
     * Writes the checkpoint after {@code state.epochsDone()} epochs ({@code epoch-0007.zip}), or, for a run stopped in
     * the middle of an epoch, after that many epochs and steps ({@code epoch-0007-step-000042.zip}).
     */
    public Path save(ModelFile model, TrainingState state) throws IOException {
        return save(model, state, null);
    }

    /** As {@link #save(ModelFile, TrainingState)}, with the run's averaged weights when not null. */
    public Path save(ModelFile model, TrainingState state, org.nd4j.linalg.api.ndarray.INDArray averaged)
            throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(state.partial() == null ? String.format("%s%04d.zip", PREFIX, state.epochsDone())
                : String.format("%s%04d-step-%06d.zip", PREFIX, state.epochsDone(), state.partial().steps()));
        model.save(target, true, java.util.Map.of(STATE, state.toJson()), averaged);
        return target;
    }

    /**
     * Makes {@code best.zip} the saved checkpoint, atomically: a hard link (no second copy on disk; it outlives the
     * epoch file's pruning), or a copy where the file system has no links.
     */
    public void markBest(Path checkpoint) throws IOException {
        Path tmp = AtomicFiles.temporaryFor(best());
        try {
            Files.deleteIfExists(tmp);
            try {
                Files.createLink(tmp, checkpoint);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(checkpoint, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            AtomicFiles.commit(tmp, best().toAbsolutePath());
        } catch (IOException e) {
            Files.deleteIfExists(tmp); // the previous best.zip stays as it was
            throw new IOException("cannot write " + best() + ": " + e.getMessage(), e);
        }
    }

    /** Deletes all but the newest {@code keep} epoch checkpoints. */
    public void keepNewest(int keep) throws IOException {
        List<Path> epochs = epochFiles();
        for (int i = keep; i < epochs.size(); i++) {
            Files.delete(epochs.get(i));
        }
    }

    /** Epoch checkpoints, newest first. */
    public List<Path> epochFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, PREFIX + "*.zip")) {
                stream.forEach(files::add);
            }
        }
        files.removeIf(p -> !NAME.matcher(p.getFileName().toString()).matches());
        files.sort(Comparator.comparingLong(Checkpoints::position).reversed());
        return files;
    }

    private static final Pattern NAME = Pattern.compile("epoch-(\\d+)(?:-step-(\\d+))?\\.zip");

    /** Where a checkpoint stands in its run: epochs done, then steps into the next. */
    private static long position(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException(file + " is not a checkpoint name");
        }
        return Long.parseLong(m.group(1)) * 1_000_000_000L + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
    }

    /**
     * The newest checkpoint that loads completely; each damaged one is logged and skipped. Leftover temporary files
     * of an interrupted write are removed.
     */
    public Optional<Checkpoint> newestValid() throws IOException {
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> tmps = Files.newDirectoryStream(dir, ".*.tmp")) {
                for (Path tmp : tmps) {
                    LOG.warn("removing {}, left by an interrupted checkpoint write", tmp.getFileName());
                    Files.delete(tmp);
                }
            }
        }
        for (Path file : epochFiles()) {
            try {
                return Optional.of(load(file));
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipping damaged checkpoint {}: {}", file, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a checkpoint with its updater state, to continue training.
     *
     * @throws IOException naming the file when it is missing, damaged or not a checkpoint of this zoo4j version
     */
    public static Checkpoint load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no checkpoint here");
        }
        String state = ModelFile.entry(file, STATE);
        if (state == null) {
            throw new IOException(file + " is a model file but not a checkpoint of this zoo4j version (no " + STATE
                    + "); it can be evaluated or fine-tuned, not resumed");
        }
        try {
            return new Checkpoint(file, ModelFile.load(file, true), TrainingState.fromJson(state),
                    ModelFile.averagedWeights(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
