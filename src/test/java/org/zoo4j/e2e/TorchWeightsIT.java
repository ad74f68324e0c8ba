package org.zoo4j.e2e;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Published PyTorch weights, as a user gets them, through import-torch, eval and predict: Java only. */
class TorchWeightsIT {

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"resnet20.safetensors", "resnet20.pth"})
    void importEvalPredict(String weights) throws Exception {
        Files.copy(Launcher.ROOT.resolve("zoo/src/test/resources/torch/" + weights), work.resolve(weights));
        Launcher.Result imported = Launcher.run(work, 300, "import-torch", "resnet20", weights, "--out", "r20.zip");
        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("imported 97 tensors into resnet20");

        Launcher.Result eval = Launcher.run(work, 300, "eval", "r20.zip", "--val-split", "200", "--json");
        assertThat(eval.exitCode()).as(eval.toString()).isZero();
        assertThat(eval.out()).contains("\"accuracy\"");

        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", work.resolve("x.png").toFile());
        Launcher.Result predict = Launcher.run(work, 300, "predict", "r20.zip", "x.png", "--top", "2");
        assertThat(predict.exitCode()).as(predict.toString()).isZero();
        assertThat(predict.out()).startsWith("x.png: ");
    }
}
