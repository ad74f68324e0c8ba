package org.zoo4j.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.data.CifarRecords;
import org.zoo4j.data.CifarSample;
import org.zoo4j.train.run.TrainingRun;
import org.zoo4j.train.run.TinyCifar;
import org.zoo4j.zoo.file.ModelFile;

import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The example mains run as a user would copy them, on a slice of the embedded sample, and learn something. */
class ExampleMainsTest {

    @Test
    void trainCifarExampleBeatsChanceClearly() {
        // ten balanced classes: chance is 0.10
        assertThat(TrainCifarExample.run(3, 600)).isGreaterThan(0.20);
    }

    @Test
    void fineTuneExampleBeatsAlwaysAnsweringAnimal() throws Exception {
        assertThat(FineTuneExample.run(null, 4, 1500)).isGreaterThan(majorityBaseline(1500) + 0.05);
    }

    /** From an NHWC checkpoint of zoo4j train (its default layout): the example reads the layout from the card. */
    @Test
    void fineTuneExampleStartsFromAnNhwcCheckpoint(@TempDir Path tmp) throws Exception {
        Path data = TinyCifar.write(tmp, 16);
        new TrainingRun(tmp.resolve("run")).start(TinyCifar.settings(data, 1, 0.05));
        Path checkpoint = tmp.resolve("run/checkpoints/epoch-0001.zip");
        assertThat(ModelFile.load(checkpoint).card().layout().name()).isEqualTo("NHWC");
        assertThat(FineTuneExample.run(checkpoint, 4, 1500)).isGreaterThan(majorityBaseline(1500) + 0.05);
    }

    /** The accuracy of always answering "animal" on the example's validation images. */
    private static double majorityBaseline(int limit) throws Exception {
        CifarRecords validation = CifarSample.records().limit(limit).holdOut(0.2, 7).validation();
        long animals = IntStream.range(0, validation.size()).filter(i -> {
            int label = validation.label(i);
            return label >= 2 && label <= 7;
        }).count();
        return Math.max(animals, validation.size() - animals) / (double) validation.size();
    }
}
