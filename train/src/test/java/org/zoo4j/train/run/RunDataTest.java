package org.zoo4j.train.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.core.InvalidSettingException;
import org.zoo4j.data.CifarRecords;
import org.zoo4j.data.ImageDataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/** Which images train, validate and evaluate, for every kind of data and split: one path for all of them. */
class RunDataTest {

    private static final List<String> CLASSES = List.of("ant", "bee", "cat");

    @TempDir
    Path tmp;

    private RunSettings on(Path data, ValidationSplit split) throws Exception {
        return TinyCifar.settings(data, 1, 0.1).withValidation(split);
    }

    @Test
    void cifarHoldsOutTheLastRecordsAndEvaluationFindsTheSameOnes() throws Exception {
        Path cifar = TinyCifar.write(tmp, 20);
        RunData data = RunData.load(on(cifar, new ValidationSplit.Last(30)), 32, 32);
        assertThat(data.trainSize()).isEqualTo(70);
        assertThat(data.validationName()).isEqualTo("validation");
        int validated = 0;
        while (data.validation().hasNext()) {
            validated += data.validation().next().numExamples();
        }
        assertThat(validated).isEqualTo(30);

        ImageDataset evaluated = RunData.evaluationImages(DataSource.of(cifar.toString()), RunData.Split.VAL,
                () -> new ValidationSplit.Last(30), List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), 0, 7,
                false);
        CifarRecords all = RunData.trainRecords(DataSource.of(cifar.toString()), 0);
        assertThat(evaluated.size()).isEqualTo(30);
        assertThat(((CifarRecords) evaluated).pixels(0)).isEqualTo(all.pixels(70));

        assertThat(RunData.load(on(cifar, new ValidationSplit.None()), 32, 32).validation()).isNull();
        assertThatThrownBy(() -> RunData.evaluationImages(DataSource.of(cifar.toString()), RunData.Split.VAL,
                () -> new ValidationSplit.Last(30), CLASSES, 0, 7, false))
                .hasMessageContaining("but the model predicts [ant, bee, cat]");
    }

    @Test
    void cifarImagesAreFittedToAModelOfAnotherInputSize() throws Exception {
        Path cifar = TinyCifar.write(tmp, 4);
        RunData data = RunData.load(on(cifar, new ValidationSplit.Last(4)), 80, 80);
        assertThat(data.train().next().getFeatures().shape()).containsExactly(16, 80, 80, 3);
        assertThat(data.validation().next().getFeatures().shape()).containsExactly(4, 80, 80, 3);
    }

    @Test
    void aTestSplitTheDataHasNotIsNamedAsTheSettingAndTheHoldOutIsNotAsked() throws Exception {
        RunSettings sample = RunSettings.of(Recipe.STANDARD, "resnet20").withValidation(new ValidationSplit.TestSplit());
        assertThatThrownBy(() -> RunData.load(sample, 32, 32)).isInstanceOfSatisfying(InvalidSettingException.class,
                e -> assertThat(e.setting()).isEqualTo(ValidationSplit.SETTING))
                .hasMessageContaining("validates on the test images, which the embedded");
        assertThatThrownBy(() -> RunData.evaluationImages(new DataSource.EmbeddedSample(), RunData.Split.TEST,
                () -> fail("a test split needs no hold-out"), CLASSES, 0, 7, false))
                .hasMessageContaining("has no test images");
    }

    @Test
    void anImageFolderValidatesOnItsOwnValFolderThenOnAHoldOutThenOnItsTestFolder() throws Exception {
        Path root = TinyImages.write(tmp.resolve("photos"), CLASSES, 6, true);
        RunSettings holdOut = on(root, new ValidationSplit.Count(3));
        RunData withVal = RunData.load(holdOut, 16, 16);
        assertThat(withVal.trainSize()).as("DIR/val validates, every training image trains").isEqualTo(18);
        assertThat(withVal.source()).endsWith("train");

        Files.walk(root.resolve("val")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        RunData heldOut = RunData.load(holdOut, 16, 16);
        assertThat(heldOut.trainSize()).isEqualTo(15);
        assertThat(heldOut.labels()).isEqualTo(CLASSES);

        assertThatThrownBy(() -> RunData.load(on(root, new ValidationSplit.TestSplit()), 16, 16))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining(root.toString());
        Files.move(root.resolve("train"), Files.createDirectories(tmp.resolve("copy")).resolve("train"));
        TinyImages.write(root, CLASSES, 6, false);
        Files.move(tmp.resolve("copy/train"), root.resolve("test"));
        RunData tested = RunData.load(on(root, new ValidationSplit.TestSplit()), 16, 16);
        assertThat(tested.validationName()).isEqualTo("test");
        assertThat(RunData.evaluationImages(DataSource.of(root.toString()), RunData.Split.TEST,
                () -> fail("a test split needs no hold-out"), CLASSES, 0, 7, false).size()).isEqualTo(18);
    }
}
