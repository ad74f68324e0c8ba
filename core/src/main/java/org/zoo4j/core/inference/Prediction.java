package org.zoo4j.core.inference;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.core.Images;
import org.zoo4j.core.file.ModelCard;
import org.zoo4j.core.file.ModelFile;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Classifies image files of any size with a model file: each image is fitted to the model's input (shorter side
 * resized, centre crop) and preprocessed as its card says; files are read and run in batches, so any number of them
 * goes through in bounded memory.
 */
public final class Prediction {

    private Prediction() {
    }

    public record Guess(String label, double probability) {
    }

    /** One file's top classes, or why it could not be classified (then {@code guesses} is empty). */
    public record Result(Path file, List<Guess> guesses, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * Hands each file's result to {@code results}, in the order of {@code files}.
     *
     * @param engine runs the model: {@code InferenceEngine.fastest(model, precision).open(model, precision)}, or
     *               the one a user names
     * @param k      how many classes per image, most probable first
     * @throws IllegalArgumentException when the model file does not record its input size
     */
    public static void classify(ModelFile model, Inference engine, List<Path> files, int k, int batchSize,
                                Consumer<Result> results) {
        ModelCard card = model.card();
        if (!card.hasInputSize()) {
            throw new IllegalArgumentException("the model file does not record its input size (a DL4J file without a "
                    + "zoo4j model card): images cannot be fitted to it");
        }
        for (int from = 0; from < files.size(); from += batchSize) {
            List<Path> chunk = files.subList(from, Math.min(files.size(), from + batchSize));
            List<BufferedImage> images = new ArrayList<>();
            List<Path> readable = new ArrayList<>();
            List<Result> chunkResults = new ArrayList<>();
            for (Path file : chunk) {
                String error = null;
                try {
                    images.add(Images.read(file));
                    readable.add(file);
                } catch (IOException | RuntimeException e) {
                    error = e.getMessage() == null ? "cannot read it" : e.getMessage();
                }
                chunkResults.add(error == null ? null : new Result(file, List.of(), error));
            }
            List<List<Guess>> guesses = images.isEmpty() ? List.of() : topK(model.card(), engine, images, k);
            int next = 0;
            for (int i = 0; i < chunk.size(); i++) {
                Result r = chunkResults.get(i);
                results.accept(r != null ? r : new Result(chunk.get(i), guesses.get(next++), null));
            }
        }
    }

    private static List<List<Guess>> topK(ModelCard card, Inference engine, List<BufferedImage> images, int k) {
        INDArray input = Images.batch(images, card.height(), card.width(), card.preprocessing(), card.layout());
        INDArray probabilities = engine.output(input);
        List<List<Guess>> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            double[] p = probabilities.getRow(i).toDoubleVector();
            out.add(IntStream.range(0, p.length).boxed().sorted(Comparator.comparingDouble(c -> -p[c]))
                    .limit(k).map(c -> new Guess(card.labels().get(c), p[c])).toList());
        }
        return out;
    }
}
