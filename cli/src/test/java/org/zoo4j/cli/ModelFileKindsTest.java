package org.zoo4j.cli;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.core.Normalization;
import org.zoo4j.train.run.TrainingRun;
import org.zoo4j.train.run.TinyCifar;
import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.core.file.ModelFile;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One kind of model file for every command: a training checkpoint, an import-torch output, a zoo4j 0.1 checkpoint
 * (settings in zoo4j-state.json, no card) and a plain DL4J file all load in eval, predict, infer and summary.
 */
class ModelFileKindsTest {

    @TempDir
    static Path tmp;
    private static Path data;
    private static Path image;

    @BeforeAll
    static void files() throws Exception {
        data = TinyCifar.write(tmp, 16);
        new TrainingRun(tmp.resolve("run")).start(TinyCifar.settings(data, 1, 0.05));
        Files.copy(tmp.resolve("run/checkpoints/epoch-0001.zip"), tmp.resolve("checkpoint.zip"));

        Path npz = tmp.resolve("resnet20.npz");
        try (InputStream in = ModelFileKindsTest.class.getResourceAsStream("/torch/resnet20.npz")) {
            Files.copy(in, npz);
        }
        assertThat(CliRun.of("import-torch", "resnet20", npz.toString(), "--out", tmp.resolve("imported.zip")
                .toString()).exitCode()).isZero();

        ComputationGraph plain = ModelRegistry.builder("resnet20").build().init();
        ModelSerializer.writeModel(plain, tmp.resolve("plain.zip").toFile(), false);

        ModelSerializer.writeModel(plain, tmp.resolve("legacy.zip").toFile(), true);
        ModelSerializer.addObjectToFile(tmp.resolve("legacy.zip").toFile(), "zoo4j-state.json", """
                {"format": 1, "options": {"model": "resnet20", "data": null, "limit": 0, "validation": "0.1",
                 "epochs": 3, "batch": 128, "optimizer": "SGD", "lr": 0.1, "momentum": 0.9, "nesterov": true,
                 "weightDecay": 5e-4, "schedule": "COSINE", "warmupEpochs": 0, "cropPadding": 4, "flip": true,
                 "cutout": 0, "normalization": "SCALE_01", "seed": 42},
                 "epochsDone": 3, "history": [], "classNames": ["airplane", "automobile", "bird", "cat", "deer",
                 "dog", "frog", "horse", "ship", "truck"]}""");

        image = tmp.resolve("photo.png");
        BufferedImage picture = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                picture.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        ImageIO.write(picture, "png", image.toFile());
    }

    @ParameterizedTest
    @ValueSource(strings = {"checkpoint.zip", "imported.zip", "legacy.zip", "plain.zip"})
    void evalPredictInferAndSummaryAcceptIt(String name) throws Exception {
        String file = tmp.resolve(name).toString();
        boolean sized = !name.equals("plain.zip"); // a plain DL4J file does not record its input size
        String[] size = sized ? new String[0] : new String[]{"--size", "32"};

        CliRun eval = CliRun.of("eval", file, "--data", data.toString(), "--val-split", "16", "--json");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("\"accuracy\"");

        CliRun predict = CliRun.of(concat(new String[]{"predict", file, image.toString(), "--top", "2"}, size));
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out()).containsPattern("photo.png: \\S+ [01]\\.\\d{3} \\S+ [01]\\.\\d{3}");

        Path x = tmp.resolve(name + ".x.npy");
        Nd4j.writeAsNumpy(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32), x.toFile());
        CliRun infer = CliRun.of("infer", file, "--input", x.toString(), "--output", tmp.resolve(name + ".y.npy")
                .toString());
        assertThat(infer.exitCode()).as(infer.err()).isZero();
        assertThat(Nd4j.createFromNpyFile(tmp.resolve(name + ".y.npy").toFile()).shape()).containsExactly(2, 10);

        Path onnxFile = tmp.resolve(name + ".onnx");
        CliRun export = CliRun.of(concat(new String[]{"export-onnx", file, "--out", onnxFile.toString()}, size));
        assertThat(export.exitCode()).as(export.err()).isZero();
        onnx.Onnx.ModelProto proto = onnx.Onnx.ModelProto.parseFrom(Files.readAllBytes(onnxFile));
        assertThat(proto.getMetadataPropsList()).anySatisfy(e -> assertThat(e.getKey()).isEqualTo("labels"));

        CliRun summary = CliRun.of(concat(new String[]{"summary", file}, size));
        assertThat(summary.exitCode()).as(summary.err()).isZero();
        assertThat(summary.out()).containsPattern("stage3.block3 +64x8x8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"checkpoint.zip", "imported.zip", "legacy.zip"})
    void cardsSayWhatTheFileIs(String name) throws Exception {
        ModelFile model = ModelFile.load(tmp.resolve(name));
        assertThat(model.card().architecture()).isEqualTo("resnet20");
        assertThat(model.card().labels()).hasSize(10).first().isEqualTo("airplane");
        assertThat(model.card().inputShape()).containsExactly(3, 32, 32);
        assertThat(model.card().preprocessing()).isEqualTo(switch (name) {
            case "legacy.zip" -> Normalization.SCALE_01;
            default -> Normalization.CIFAR10;
        });
        assertThat(model.card().layout().name()).isEqualTo(name.equals("checkpoint.zip") ? "NHWC" : "NCHW");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain.zip"})
    void aPlainFileNeedsItsInputSizeForPredict(String name) {
        CliRun predict = CliRun.of("predict", tmp.resolve(name).toString(), image.toString());
        assertThat(predict.exitCode()).isEqualTo(1);
        assertThat(predict.err()).contains("does not record its input size").contains("--size");
    }

    /** More images than one batch (64): every one is classified, in order (zoo4j 0.1 read only the first batch). */
    @org.junit.jupiter.api.Test
    void predictStreamsAnyNumberOfImagesInBatches() throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("predict",
                tmp.resolve("imported.zip").toString()));
        for (int i = 0; i < 70; i++) {
            Path copy = tmp.resolve("many/img" + i + ".png");
            Files.createDirectories(copy.getParent());
            Files.copy(image, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            args.add(copy.toString());
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(70);
        assertThat(run.out().lines().toList().get(69)).startsWith(tmp.resolve("many/img69.png").toString());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
