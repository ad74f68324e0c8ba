package org.zoo4j.train.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.core.InvalidSettingException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings typed once where they are read, from flags or from the JSON that every version's checkpoints hold. */
class RunSettingsTest {

    /** The settings of the shipped resnet20.cifar10's run, as zoo4j 7b20195 wrote them (weights.json). */
    private static final String WRITTEN_BY_7B20195 = """
            {"model":"resnet20","data":"/work/shared/data/cifar-10-batches-bin","limit":0,"validation":"none",
             "augmentation":{"cropPadding":4,"flip":true,"cutout":0},
             "normalization":{"scaleTo01":true,"mean":[0.4914,0.4822,0.4465],"std":[0.247,0.2435,0.2616]},
             "format":"NHWC","hyperparameters":{"epochs":15,"batchSize":128,"optimizer":"SGD","learningRate":0.1,
             "momentum":0.9,"nesterov":true,"weightDecay":0.0005,"schedule":"COSINE","warmupEpochs":0,"seed":42},
             "freeze":null,"skipBad":false}""";

    @Test
    void readsWhatEarlierVersionsWrote() {
        RunSettings s = RunSettings.fromJson(WRITTEN_BY_7B20195);
        assertThat(s.data()).isEqualTo(new DataSource.CifarBinaries(Path.of("/work/shared/data/cifar-10-batches-bin")));
        assertThat(s.validation()).isEqualTo(new ValidationSplit.None());
        assertThat(s.hyperparameters().labelSmoothing()).isZero();
        assertThat(s.hyperparameters().averageDecay()).isZero();
    }

    @Test
    void writesTheFormsEarlierVersionsRead() {
        RunSettings sample = RunSettings.of(Recipe.STANDARD, "resnet20")
                .withValidation(ValidationSplit.parse("last:10000"));
        String json = sample.toJson();
        assertThat(json).contains("\"data\":null").contains("\"validation\":\"last:10000\"");
        RunSettings read = RunSettings.fromJson(json);
        assertThat(read).isEqualTo(sample);
        assertThat(read.data()).isInstanceOf(DataSource.EmbeddedSample.class);
        assertThat(read.validation()).isEqualTo(new ValidationSplit.Last(10000));
    }

    @Test
    void aFolderWithTrainIsAnImageFolder(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("photos/train"));
        assertThat(DataSource.of(tmp.resolve("photos").toString()))
                .isEqualTo(new DataSource.ImageFolderRoot(tmp.resolve("photos")));
        assertThat(DataSource.of(tmp.toString())).isEqualTo(new DataSource.CifarBinaries(tmp));
        assertThat(DataSource.of(null)).isEqualTo(new DataSource.EmbeddedSample());
    }

    @Test
    void everySplitReadsBackFromItsWrittenForm() {
        assertThat(ValidationSplit.parse("none")).isEqualTo(new ValidationSplit.None());
        assertThat(ValidationSplit.parse("0")).isEqualTo(new ValidationSplit.TestSplit());
        assertThat(ValidationSplit.parse("0.1")).isEqualTo(new ValidationSplit.Fraction(0.1));
        assertThat(ValidationSplit.parse("5000")).isEqualTo(new ValidationSplit.Count(5000));
        assertThat(ValidationSplit.parse("last:10000")).isEqualTo(new ValidationSplit.Last(10000));
        for (String spec : new String[]{"none", "0", "0.1", "5000", "last:10000"}) {
            assertThat(ValidationSplit.parse(spec).spec()).isEqualTo(spec);
        }
        assertThat(ValidationSplit.parse("0.1").holdsOut()).isTrue();
        assertThat(ValidationSplit.parse("0").holdsOut()).isFalse();
        for (String bad : new String[]{"half", "-1", "last:0", "last:x", "NaN"}) {
            assertThatThrownBy(() -> ValidationSplit.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(InvalidSettingException.class,
                            e -> assertThat(e.setting()).isEqualTo(ValidationSplit.SETTING))
                    .hasMessageContaining("got '" + bad + "'");
        }
    }
}
