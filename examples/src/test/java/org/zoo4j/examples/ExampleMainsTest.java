package org.zoo4j.examples;

import org.zoo4j.train.run.ValidationSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.train.run.TinyCifar;
import org.zoo4j.train.run.TinyImages;
import org.zoo4j.train.run.RunSettings;
import org.zoo4j.train.run.TrainingRun;
import org.zoo4j.core.file.ModelFile;
import org.zoo4j.weights.PretrainedWeights;

import org.zoo4j.data.CifarRecords;
import org.zoo4j.data.CifarSample;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The example mains run as a user would copy them, on small data, and learn something. */
class ExampleMainsTest {

    /** 5 epochs on 800 images reach 0.33 here, where guessing the majority class scores 0.12 and chance 0.1. */
    @Test
    void trainCifarExampleLearns() {
        CifarRecords validation = CifarSample.records().limit(1000).holdOut(0.2, 42).validation();
        double majority = Arrays.stream(validation.classCounts()).max().orElseThrow() / (double) validation.size();
        assertThat(majority).isLessThan(0.125);
        assertThat(TrainCifarExample.run(5, 1000)).isGreaterThan(2 * majority).isGreaterThan(0.25);
    }

    /**
     * From an NHWC checkpoint of zoo4j train (its default layout) trained on related images, the example learns a
     * new folder with another number of classes; the layout and normalisation come from the model file's card.
     */
    @Test
    void fineTuneExampleLearnsANewImageFolderFromAnNhwcCheckpoint(@TempDir Path tmp) throws Exception {
        Path first = TinyImages.write(tmp.resolve("first"), List.of("a", "b", "c", "d", "e", "f"), 24, true);
        RunSettings base = TinyCifar.settings(first, 3, 0.05);
        new TrainingRun(tmp.resolve("run")).start(base.withValidation(ValidationSplit.parse("0.1")));
        Path checkpoint = tmp.resolve("run/checkpoints/epoch-0003.zip");
        assertThat(ModelFile.load(checkpoint).card().layout().name()).isEqualTo("NHWC");

        Path images = TinyImages.write(tmp.resolve("second"), List.of("red", "green", "blue"), 24, true);
        Path out = tmp.resolve("fine-tuned.zip");
        double accuracy = FineTuneExample.run(ModelFile.load(checkpoint), images, 4, out);

        assertThat(accuracy).isGreaterThan(1 / 3.0 + 0.3); // three balanced classes: chance is 1/3
        assertThat(ModelFile.load(out).card().labels()).containsExactly("blue", "green", "red");
    }

    /** A shipped weight (the seed's VGG13 trained on CIFAR-10) as the starting point for a folder of new classes. */
    @Test
    void fineTuneExampleStartsFromAShippedWeight(@TempDir Path tmp) throws Exception {
        Path images = TinyImages.write(tmp.resolve("photos"), List.of("red", "green", "blue"), 24, true);
        Path out = tmp.resolve("fine-tuned.zip");
        double accuracy = FineTuneExample.run(PretrainedWeights.load("vgg13.cifar10"), images, 2, out);
        assertThat(accuracy).isGreaterThan(1 / 3.0 + 0.3);
        ModelFile tuned = ModelFile.load(out);
        assertThat(tuned.card().labels()).containsExactly("blue", "green", "red");
        assertThat(tuned.card().architecture()).isEqualTo("vgg13");
    }
}
