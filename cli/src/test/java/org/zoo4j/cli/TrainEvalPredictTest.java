package org.zoo4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.zoo4j.train.run.TinyCifar;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The main job end to end through the command line, on data the test writes. */
class TrainEvalPredictTest {

    @Test
    void trainThenEvaluateThenPredict(@TempDir Path tmp) throws Exception {
        Path data = TinyCifar.write(tmp, 16);
        Path out = tmp.resolve("run");
        CliRun train = trainTiny(data, out, 2, "16");
        assertThat(train.err()).contains("epoch 1/2: train loss").contains("epoch 2/2");
        assertThat(train.out()).contains("trained resnet20 for 2 epochs");
        assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(3)
                .first().asString().startsWith("epoch,train_loss,val_loss,val_accuracy");
        Path best = out.resolve("checkpoints/best.zip");
        assertThat(best).exists();

        // a resumed run continues as it was set up: changes are refused, each named
        CliRun changed = CliRun.of("train", "resnet32", "--resume", "--out", out.toString(), "--lr", "0.5");
        assertThat(changed.exitCode()).isEqualTo(1);
        assertThat(changed.err()).contains("was set up differently").contains("\n  model: the run's resnet20, given "
                + "resnet32\n").contains("optimisation: ").contains("learningRate=0.5");

        assertThat(Files.readString(out.resolve("report.html"))).contains("2 of 2").contains("zoo4j train resnet20 --data "
                + data);
        Path page = tmp.resolve("pages/eval.html");
        CliRun eval = CliRun.of("eval", best.toString(), "--json", "--html", page.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(eval.out());
        assertThat(json.get("classes")).hasSize(10);
        long counted = 0;
        long correct = 0;
        for (int actual = 0; actual < 10; actual++) {
            for (int predicted = 0; predicted < 10; predicted++) {
                long cell = json.get("confusion").get(actual).get(predicted).asLong();
                counted += cell;
                correct += actual == predicted ? cell : 0;
            }
        }
        assertThat(counted).isEqualTo(16);
        assertThat(json.get("accuracy").asDouble()).as("the confusion matrix's trace over its total")
                .isEqualTo(correct / 16.0);
        // the checkpoint chosen as best holds the run's best validation accuracy, and eval reproduces it
        double bestInRun = Files.readAllLines(out.resolve("metrics.csv")).stream().skip(1)
                .mapToDouble(line -> Double.parseDouble(line.split(",")[3])).max().orElseThrow();
        assertThat(json.get("accuracy").asDouble()).isCloseTo(bestInRun, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(out.resolve("confusion-val.png")).exists();
        assertThat(Files.readString(page)).contains("<b id=\"accuracy\">" + String.format(java.util.Locale.ROOT,
                "%.4f", json.get("accuracy").asDouble()) + "</b>").contains("Confusion matrix").contains("resnet20");

        Path big = tmp.resolve("big.png");
        ImageIO.write(new BufferedImage(100, 60, BufferedImage.TYPE_INT_RGB), "png", big.toFile());
        Path small = tmp.resolve("small.jpg");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpg", small.toFile());
        Path bad = Files.writeString(tmp.resolve("notes.png"), "not an image");
        CliRun predict = CliRun.of("predict", best.toString(), big.toString(), bad.toString(), small.toString(),
                "--top", "2");
        assertThat(predict.exitCode()).isEqualTo(1);
        assertThat(predict.err()).contains("notes.png: not a PNG, JPEG, BMP or GIF image");
        assertThat(predict.out().lines()).hasSize(2)
                .allSatisfy(line -> assertThat(line).matches(".*: \\w+ [01]\\.\\d{3} \\w+ [01]\\.\\d{3}"));
    }

    /** --val-split none: a final model on all the data; best.zip by training loss; eval asks for a split. */
    @Test
    void noValidationTrainsOnEverythingAndSaysSo(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        CliRun train = trainTiny(TinyCifar.write(tmp, 16), out, 1, "none");
        assertThat(train.err()).contains("epoch 1/1: train loss").doesNotContain("validation loss");
        assertThat(train.out()).contains("best train_loss");
        assertThat(Files.readAllLines(out.resolve("metrics.csv")).get(1)).contains(",NaN,NaN,");
        assertThat(out.resolve("checkpoints/best.zip")).exists();
        assertOneLine(CliRun.of("eval", out.resolve("checkpoints/best.zip").toString()), "validated on nothing");
        assertOneLine(CliRun.of("train", "resnet20", "--val-split", "none", "--best-by", "val_loss"),
                "--best-by can only be train_loss");
    }

    @Test
    void badInputIsOneLineAndNonZero(@TempDir Path tmp) throws Exception {
        assertOneLine(CliRun.of("train", "resnet19"), "Unknown model 'resnet19'");
        assertOneLine(CliRun.of("train", "resnet20", "--epochs", "0"), "--epochs must be >= 1");
        assertOneLine(CliRun.of("train", "resnet20", "--optimizer", "lbfgs"), "--optimizer takes one of [sgd, adam]");
        assertOneLine(CliRun.of("train", "resnet20", "--val-split", "lots"), "--val-split is 0 (none");
        assertOneLine(CliRun.of("train", "--resume"), "--resume needs --out");
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertOneLine(CliRun.of("train", "resnet20", "--out", file.resolve("sub").toString()), "cannot create the run directory");
        assertOneLine(CliRun.of("eval", file.toString()), "is not a readable DL4J model file");
        assertOneLine(CliRun.of("eval", tmp.resolve("none.zip").toString()), "none.zip");
    }

    private static void assertOneLine(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("zoo4j: ") && l.contains(message))).hasSize(1);
        assertThat(run.err()).doesNotContain("\tat ");
    }

    /** resnet20 trained on {@code data} in batches of 16 into {@code out}, which must succeed. */
    @Test
    void aModelWithoutBatchNormTrainsWithThePlainRecipeAndSaysSo(@TempDir Path tmp) throws Exception {
        Path data = TinyCifar.write(tmp, 8);
        Path out = tmp.resolve("vgg");
        CliRun train = CliRun.of("train", "vgg13", "--data", data.toString(), "--epochs", "2", "--batch", "20",
                "--val-split", "10", "--out", out.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.err()).contains("zoo4j: vgg13 has no BatchNorm: recipe plain");
        var h = CliModels.runSettings(out.resolve("checkpoints/best.zip")).orElseThrow().hyperparameters();
        assertThat(h.learningRate()).isEqualTo(0.05);
        assertThat(h.warmupEpochs()).isEqualTo(1);
        assertThat(trainTiny(data, tmp.resolve("r20"), 1, "10").err()).doesNotContain("recipe plain");
        CliRun oneEpoch = CliRun.of("train", "vgg13", "--data", data.toString(), "--epochs", "1", "--batch", "20",
                "--val-split", "10", "--decay-weights-only", "--out", tmp.resolve("vgg1").toString());
        assertThat(oneEpoch.exitCode()).as("a one-epoch run has no room for the recipe's warm-up: %s", oneEpoch.err())
                .isZero();
        var oneEpochSettings = CliModels.runSettings(tmp.resolve("vgg1/checkpoints/best.zip")).orElseThrow()
                .hyperparameters();
        assertThat(oneEpochSettings.warmupEpochs()).isZero();
        assertThat(oneEpochSettings.weightsOnlyDecay()).isTrue();
        var trained = org.zoo4j.core.file.ModelFile.load(tmp.resolve("vgg1/checkpoints/best.zip")).net();
        var fc = trained.getLayer("head.fc").conf().getLayer();
        assertThat(fc.getRegularizationByParam("W")).as("weights decay").isNotEmpty();
        assertThat(fc.getRegularizationByParam("b")).as("biases do not").isNullOrEmpty();
        assertThat(h.weightsOnlyDecay()).isFalse();
    }

    private static CliRun trainTiny(Path data, Path out, int epochs, String valSplit) {
        CliRun train = CliRun.of("train", "resnet20", "--data", data.toString(), "--epochs", String.valueOf(epochs),
                "--batch", "16", "--val-split", valSplit, "--out", out.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        return train;
    }
}
