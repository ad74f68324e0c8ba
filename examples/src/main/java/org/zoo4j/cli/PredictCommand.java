package org.zoo4j.cli;

import org.zoo4j.data.Images;
import org.zoo4j.train.Checkpoints;
import org.zoo4j.train.Prediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "predict", description = "Classify PNG or JPEG images of any size with a checkpoint (resized to the "
        + "model's 32x32 input); top-k classes with probabilities.")
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "A checkpoint written by zoo4j train.")
    Path checkpoint;

    @Parameters(index = "1..*", arity = "1..*", description = "Image files.")
    List<Path> images;

    @Option(names = "--top", defaultValue = "3", description = "Classes to show per image (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws Exception {
        if (top < 1 || top > 10) {
            throw new IllegalArgumentException("--top must be in 1..10, got " + top);
        }
        Checkpoints.Loaded loaded = Checkpoints.load(checkpoint);
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        List<BufferedImage> readable = new ArrayList<>();
        List<Path> names = new ArrayList<>();
        for (Path file : images) {
            try {
                BufferedImage image = ImageIO.read(file.toFile());
                if (image == null) {
                    throw new IOException("not a PNG or JPEG image");
                }
                readable.add(image);
                names.add(file);
            } catch (IOException e) {
                err.println("zoo4j: " + file + ": " + (e.getMessage() == null ? "cannot read" : e.getMessage()));
            }
        }
        if (!readable.isEmpty()) {
            List<List<Prediction.Guess>> guesses = Prediction.topK(loaded.net(), loaded.state().options(),
                    Images.records(readable, "images"), loaded.state().classNames(), top);
            for (int i = 0; i < names.size(); i++) {
                StringBuilder line = new StringBuilder(names.get(i).toString()).append(":");
                for (Prediction.Guess g : guesses.get(i)) {
                    line.append(String.format(Locale.ROOT, " %s %.3f", g.label(), g.probability()));
                }
                out.println(line);
            }
        }
        out.flush();
        err.flush();
        return readable.size() == images.size() ? 0 : 1;
    }
}
