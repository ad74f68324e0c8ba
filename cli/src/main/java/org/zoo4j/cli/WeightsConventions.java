package org.zoo4j.cli;

import org.zoo4j.core.Normalization;
import org.zoo4j.core.file.Labels;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** How imported weights expect their inputs and name their classes: {@code --mean --std --labels}. */
final class WeightsConventions {

    @Option(names = "--mean", split = ",", description = "Per-channel mean R,G,B the weights were trained with, in "
            + "[0,1] pixel units as torchvision writes them (default: the reference's).")
    float[] mean;

    @Option(names = "--std", split = ",", description = "Per-channel standard deviation R,G,B, as --mean.")
    float[] std;

    @Option(names = "--labels", description = "Class names: imagenet, cifar10, or a file of one name per line "
            + "(default: those of the data the architecture's published weights are trained on, CIFAR-10's or "
            + "ImageNet's, when the classifier has their number; else 0..n-1).")
    String labels;

    /** --mean/--std's normalisation, or {@code fallback} without them. */
    Normalization normalization(Normalization fallback) {
        if ((mean == null) != (std == null)) {
            throw new IllegalArgumentException("--mean and --std go together");
        }
        if (mean == null) {
            return fallback;
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("--mean and --std take three values R,G,B, got " + Arrays.toString(mean)
                    + " and " + Arrays.toString(std));
        }
        try {
            return new Normalization(true, mean, std);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--std: " + e.getMessage(), e);
        }
    }

    /**
     * --labels' names, or else {@code usual} (the classes the weights' source publishes) when it has the classifier's
     * size, or else {@link Labels#defaultFor}; their number must be the classifier's.
     */
    List<String> labels(int classes, List<String> usual, String sizeHint) throws IOException {
        List<String> names = labels != null ? Labels.named(labels) : usual.size() == classes ? usual
                : Labels.defaultFor(classes);
        if (names.size() != classes) {
            throw new IllegalArgumentException("--labels names " + names.size() + " classes but the weights have "
                    + classes + sizeHint);
        }
        return names;
    }
}
