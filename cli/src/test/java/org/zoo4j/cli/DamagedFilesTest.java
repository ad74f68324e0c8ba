package org.zoo4j.cli;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.core.Normalization;
import org.zoo4j.zoo.ConvStyle;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.core.file.Labels;
import org.zoo4j.core.file.ModelFile;
import org.zoo4j.zoo.resnet.ResBlock;
import org.zoo4j.zoo.resnet.ResNet;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded corruptions (truncations and flipped bytes) of model files, .npz files and images: every command that reads
 * them answers with one-line errors and exit 1, never a stack trace or a hang; predict reports per image and goes on.
 */
class DamagedFilesTest {

    private static final int CASES = 12;

    @TempDir
    static Path tmp;
    private static byte[] model;
    private static byte[] npz;
    private static byte[] image;

    @BeforeAll
    static void files() throws Exception {
        Zoo4jModel tiny = ResNet.of("tiny", new ResNet.Architecture(ResNet.Stem.CIFAR, List.of(4, 8), List.of(1, 1),
                ResBlock.Shortcut.OPTION_A, ConvStyle.PYTORCH), false).inputShape(3, 16, 16).build();
        ComputationGraph net = tiny.init();
        Path file = tmp.resolve("model.zip");
        new ModelFile(net, tiny.card(Normalization.CIFAR10, Labels.cifar10(), "test")).save(file, true);
        model = Files.readAllBytes(file);
        try (InputStream in = DamagedFilesTest.class.getResourceAsStream("/torch/resnet20.npz")) {
            npz = in.readAllBytes();
        }
        Path png = tmp.resolve("ok.png");
        BufferedImage picture = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        new Random(3).ints(400).forEach(i -> picture.setRGB(Math.abs(i % 20), Math.abs((i / 20) % 20), i));
        ImageIO.write(picture, "png", png.toFile());
        image = Files.readAllBytes(png);
    }

    /** A truncation (odd cases) or a burst of flipped bytes (even cases) at a seeded place. */
    private static byte[] damaged(byte[] original, int seed) {
        Random random = new Random(seed);
        if (seed % 2 == 1) {
            return java.util.Arrays.copyOf(original, random.nextInt(original.length));
        }
        byte[] copy = original.clone();
        int at = random.nextInt(copy.length - 64);
        for (int i = 0; i < 16; i++) {
            copy[at + random.nextInt(64)] ^= (byte) (1 + random.nextInt(255));
        }
        return copy;
    }

    @Test
    void damagedModelFilesGiveOneLineErrors() throws Exception {
        Path x = tmp.resolve("x.npy");
        org.nd4j.linalg.factory.Nd4j.writeAsNumpy(org.nd4j.linalg.factory.Nd4j.rand(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 3, 16, 16), x.toFile());
        Path ok = tmp.resolve("ok.png");
        for (int seed = 0; seed < CASES; seed++) {
            Path file = Files.write(tmp.resolve("damaged-" + seed + ".zip"), damaged(model, seed));
            for (String[] args : List.of(new String[]{"predict", file.toString(), ok.toString()},
                    new String[]{"infer", file.toString(), "--input", x.toString(), "--output",
                            tmp.resolve("y.npy").toString()},
                    new String[]{"summary", file.toString()})) {
                CliRun run = CliRun.of(args);
                if (run.exitCode() == 0) {
                    // a flip in a part nothing reads (zip comments, padding) does no harm; a truncation always does
                    assertThat(seed % 2).as(args[0] + " accepted truncated case " + seed).isZero();
                    continue;
                }
                assertOneLine(run, args[0] + " on case " + seed);
            }
        }
    }

    @Test
    void damagedNpzFilesGiveOneLineErrorsAndWriteNothing() throws Exception {
        for (int seed = 0; seed < CASES; seed++) {
            Path file = Files.write(tmp.resolve("damaged-" + seed + ".npz"), damaged(npz, seed));
            Path out = tmp.resolve("imported-" + seed + ".zip");
            CliRun run = CliRun.of("import-torch", "resnet20", file.toString(), "--out", out.toString());
            if (run.exitCode() != 0) {
                assertOneLine(run, "import-torch on case " + seed);
                assertThat(out).doesNotExist();
            } else {
                assertThat(seed % 2).as("import-torch accepted truncated case " + seed).isZero();
            }
        }
    }

    @Test
    void predictReportsEachDamagedImageAndGoesOn() throws Exception {
        Path good = tmp.resolve("ok.png");
        Path modelFile = Files.write(tmp.resolve("good.zip"), model);
        int reported = 0;
        for (int seed = 0; seed < CASES; seed++) {
            Path bad = Files.write(tmp.resolve("damaged-" + seed + ".png"), damaged(image, seed));
            CliRun run = CliRun.of("predict", modelFile.toString(), bad.toString(), good.toString());
            assertThat(run.out()).as("case " + seed).contains("ok.png:");
            assertThat(run.err()).as("case " + seed).doesNotContain("\tat ");
            if (run.exitCode() != 0) {
                assertThat(run.err()).as("case " + seed).contains("damaged-" + seed + ".png: ");
                reported++;
            }
        }
        assertThat(reported).as("damaged images reported").isGreaterThanOrEqualTo(CASES / 2);
    }

    private static void assertOneLine(CliRun run, String what) {
        assertThat(run.exitCode()).as(what + ": " + run.err()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("zoo4j: "))).as(what + ": " + run.err()).hasSize(1);
        assertThat(run.err()).as(what).doesNotContain("\tat ");
    }
}
