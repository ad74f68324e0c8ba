package org.zoo4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.zoo4j.train.run.TinyCifar;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** --engine onnxruntime gives what the DL4J engine gives, in every command that runs a model forward. */
class EngineOptionTest {

    private static final String MODEL = "resnet20.cifar10";

    @Test
    void bothEnginesAgreeInInferEvalAndPredict(@TempDir Path tmp) throws Exception {
        Path input = tmp.resolve("x.npy");
        Nd4j.writeAsNumpy(Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32), input.toFile());
        String[] engines = {"dl4j", "onnxruntime"};
        assertThat(CliRun.infer(tmp, "ort", MODEL, input, "--engine", "onnxruntime")
                .equalsWithEps(CliRun.infer(tmp, "dl4j", MODEL, input, "--engine", "dl4j"), 1e-4)).isTrue();

        Path data = TinyCifar.write(tmp, 16);
        double[] accuracy = new double[2];
        for (int i = 0; i < 2; i++) {
            CliRun eval = CliRun.of("eval", MODEL, "--data", data.toString(), "--val-split", "last:16", "--json",
                    "--heatmap", tmp.resolve("cm.png").toString(), "--engine", engines[i]);
            assertThat(eval.exitCode()).as(eval.err()).isZero();
            accuracy[i] = new ObjectMapper().readTree(eval.out()).get("accuracy").asDouble();
        }
        assertThat(accuracy[1]).isEqualTo(accuracy[0]);

        Path image = tmp.resolve("red.png");
        BufferedImage red = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < 32 * 32; p++) {
            red.setRGB(p % 32, p / 32, 0xC03020);
        }
        ImageIO.write(red, "png", image.toFile());
        String[] top = new String[2];
        for (int i = 0; i < 2; i++) {
            CliRun predict = CliRun.of("predict", MODEL, image.toString(), "--top", "1", "--engine", engines[i]);
            assertThat(predict.exitCode()).as(predict.err()).isZero();
            top[i] = predict.out().trim().split(" ")[1];
        }
        assertThat(top[1]).isEqualTo(top[0]);
    }

    @Test
    void byDefaultTheFastestEngineThatRunsTheModelRunsItAndSaysSo(@TempDir Path tmp) throws Exception {
        Path input = tmp.resolve("x.npy");
        Nd4j.writeAsNumpy(Nd4j.rand(DataType.FLOAT, 2, 3, 32, 32), input.toFile());
        Path output = tmp.resolve("y.npy");
        CliRun auto = CliRun.of("infer", MODEL, "--input", input.toString(), "--output", output.toString());
        assertThat(auto.exitCode()).as(auto.err()).isZero();
        assertThat(auto.err()).contains("zoo4j: engine onnxruntime (the fastest here that runs this model in "
                + "float32; --engine names one)");
        CliRun named = CliRun.of("infer", MODEL, "--input", input.toString(), "--output", output.toString(),
                "--engine", "dl4j");
        assertThat(named.exitCode()).as(named.err()).isZero();
        assertThat(named.err()).doesNotContain("zoo4j: engine");
        CliRun training = CliRun.of("bench", "resnet20", "--iters", "1", "--warmup", "0", "--json");
        assertThat(training.exitCode()).as(training.err()).isZero();
        assertThat(training.out()).contains("\"engine\": \"dl4j\"");
        assertThat(training.err()).as("training runs on DL4J, whatever is fastest to infer").doesNotContain("engine");
    }

    @Test
    void onnxRuntimeOnlyInfers() {
        CliRun train = CliRun.of("bench", "resnet20", "--engine", "onnxruntime", "--iters", "1", "--warmup", "0");
        assertThat(train.exitCode()).isEqualTo(1);
        assertThat(train.err()).contains("zoo4j: --engine onnxruntime runs inference only: use it with --mode infer");
        CliRun unknown = CliRun.of("bench", "resnet20", "--mode", "infer", "--engine", "tvm");
        assertThat(unknown.err()).contains("zoo4j: --engine 'tvm' is not an engine on the class path; there are "
                + "[dl4j, onnxruntime]");
    }
}
