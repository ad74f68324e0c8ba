package org.zoo4j.cli;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zoo4j.zoo.registry.ModelRegistry;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.zoo.torch.TorchWeights;
import org.zoo4j.core.Normalization;
import org.zoo4j.train.run.TinyCifar;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.core.file.Labels;
import org.zoo4j.core.file.ModelCard;
import org.zoo4j.core.file.ModelFile;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** import-torch then infer reproduce PyTorch's output (the zoo module's committed resnet20 fixture). */
class TorchCommandsTest {

    /** The same weights as PyTorch and Hugging Face publish them (tools/torch/make_format_fixtures.py), read in Java. */
    @ParameterizedTest
    @ValueSource(strings = {"resnet20.npz", "resnet20.safetensors", "resnet20.pth"})
    void importThenInferMatchesPyTorch(String weights, @TempDir Path tmp) throws Exception {
        Map<String, INDArray> fixture = TorchWeights.read(fixtureFile(tmp)).tensors();
        Path file = fixtureFile(tmp, weights);
        Path model = tmp.resolve("resnet20.zip");
        CliRun imported = CliRun.of("import-torch", "resnet20", file.toString(), "--out", model.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("imported 97 tensors into resnet20");
        assertThat(org.zoo4j.core.file.ModelFile.load(model).card().weights()).contains(weights)
                .contains(TorchWeights.read(file).format());
        assertInferReproducesPyTorch(model, fixture, tmp);
    }

    @Test
    void inferFeedsAnNhwcModelItsNchwFile(@TempDir Path tmp) throws Exception {
        Path npz = fixtureFile(tmp);
        Map<String, INDArray> fixture = TorchWeights.read(npz).tensors();
        Path nchw = tmp.resolve("nchw.zip");
        assertThat(CliRun.of("import-torch", "resnet20", npz.toString(), "--out", nchw.toString()).exitCode()).isZero();
        // the same weights in an NHWC graph (zoo4j train's default layout)
        ComputationGraph nhwc = ModelRegistry.builder("resnet20").dataFormat(CNN2DFormat.NHWC).build().init();
        nhwc.setParams(ModelSerializer.restoreComputationGraph(nchw.toFile(), false).params());
        Path model = tmp.resolve("nhwc.zip");
        ModelSerializer.writeModel(nhwc, model.toFile(), false);
        assertInferReproducesPyTorch(model, fixture, tmp);
    }

    @Test
    void aMismatchWritesNothing(@TempDir Path tmp) throws Exception {
        Path npz = fixtureFile(tmp);
        Path model = tmp.resolve("wrong.zip");
        CliRun run = CliRun.of("import-torch", "resnet32", npz.toString(), "--out", model.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot import into resnet32: 60 problem(s)")
                .contains("\n  missing layer1.3.bn1.weight (for stage1.block4.bn1 gamma, shape [16])\n")
                .contains("  ... and 40 more");
        assertThat(model).doesNotExist();
        assertThat(tmp).isDirectoryNotContaining("glob:**.tmp");
    }

    /** The weights' own preprocessing and labels go into the card, and eval and predict use them. */
    @Test
    void importTakesThePreprocessingAndLabelsOfTheWeights(@TempDir Path tmp) throws Exception {
        Path npz = fixtureFile(tmp);
        Path labels = Files.writeString(tmp.resolve("labels.txt"), "plane\ncar\nbird\ncat\ndeer\ndog\nfrog\n"
                + "horse\nship\ntruck\n");
        Path model = tmp.resolve("r20.zip");
        CliRun imported = CliRun.of("import-torch", "resnet20", npz.toString(), "--out", model.toString(),
                "--mean", "0.485,0.456,0.406", "--std", "0.229,0.224,0.225", "--labels", labels.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        ModelCard card = ModelFile.load(model).card();
        assertThat(card.preprocessing()).isEqualTo(Normalization.IMAGENET);
        assertThat(card.labels()).startsWith("plane", "car").hasSize(10);
        assertThat(card.weights()).contains("resnet20.npz");

        Path data = TinyCifar.write(tmp, 8);
        CliRun eval = CliRun.of("eval", model.toString(), "--data", data.toString(), "--val-split", "last:8");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("(8 images)").contains("plane ");

        CliRun wrongCount = CliRun.of("import-torch", "resnet20", npz.toString(), "--out", tmp.resolve("x.zip")
                .toString(), "--labels", "imagenet");
        assertThat(wrongCount.exitCode()).isEqualTo(1);
        assertThat(wrongCount.err()).contains("--labels names 1000 classes but the weights have 10");
        assertThat(tmp.resolve("x.zip")).doesNotExist();
    }

    /** An ImageNet model's card names ImageNet's classes, and predict prints them. */
    @Test
    void predictWithAnImagenetModelPrintsImagenetNames(@TempDir Path tmp) throws Exception {
        Zoo4jModel zoo = ModelRegistry.builder("resnet18_imagenet").build();
        Path model = tmp.resolve("r18.zip");
        new ModelFile(zoo.init(), zoo.card(Normalization.IMAGENET, Labels.defaultFor(1000), "random"))
                .save(model, false);
        Path photo = tmp.resolve("photo.jpg");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_INT_RGB),
                "jpg", photo.toFile());
        CliRun predict = CliRun.of("predict", model.toString(), photo.toString(), "--top", "5");
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        java.util.List<String> names = Labels.imagenet();
        String[] guessed = predict.out().strip().replaceFirst("^.*?: ", "").split(" [01]\\.\\d{3} ?");
        assertThat(guessed).hasSize(5).allSatisfy(name -> assertThat(names).contains(name));
        assertThat(names).hasSize(1000).startsWith("tench", "goldfish");
    }

    /** import-keras takes the seed's two models; weights of other widths are refused whole, writing nothing. */
    @Test
    void importKerasRefusesOtherModelsAndMismatchedWeights(@TempDir Path tmp) throws Exception {
        CliRun other = CliRun.of("import-keras", "resnet20", "x.h5", "--out", tmp.resolve("x.zip").toString());
        assertThat(other.exitCode()).isEqualTo(1);
        assertThat(other.err()).contains("vgg13 or resnet18_seed");
        Path h5 = tmp.resolve("small.h5");
        try (InputStream in = TorchCommandsTest.class.getResourceAsStream("/keras/vgg13.h5")) {
            Files.copy(in, h5);
        }
        Path out = tmp.resolve("vgg13.zip");
        CliRun narrow = CliRun.of("import-keras", "vgg13", h5.toString(), "--out", out.toString());
        assertThat(narrow.exitCode()).isEqualTo(1);
        assertThat(narrow.err()).contains("cannot import into vgg13").contains("Keras [kh, kw, in, out]");
        assertThat(out).doesNotExist();
    }

    /** The zoo module's committed resnet20 fixture (PyTorch weights, input batch and output), copied to {@code dir}. */
    private static Path fixtureFile(Path dir) throws Exception {
        return fixtureFile(dir, "resnet20.npz");
    }

    private static Path fixtureFile(Path dir, String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = TorchCommandsTest.class.getResourceAsStream("/torch/" + name)) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** {@code zoo4j infer} on the fixture's NCHW input gives PyTorch's output within 1e-4. */
    private static void assertInferReproducesPyTorch(Path model, Map<String, INDArray> fixture, Path dir)
            throws Exception {
        Path x = dir.resolve("x.npy");
        Path y = dir.resolve("y.npy");
        Nd4j.writeAsNumpy(fixture.get("__input__"), x.toFile());
        CliRun infer = CliRun.of("infer", model.toString(), "--input", x.toString(), "--output", y.toString());
        assertThat(infer.exitCode()).as(infer.err()).isZero();
        INDArray output = Nd4j.createFromNpyFile(y.toFile());
        assertThat(output.sub(fixture.get("__output__")).amaxNumber().doubleValue()).isLessThanOrEqualTo(1e-4);
    }
}
