package org.zoo4j.cli;

import org.zoo4j.layers.testing.Requirement;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.layers.conv.ComputePrecision;

/** --precision bf16 runs the shipped weights in bfloat16; what it cannot do is said in flag words. */
class PrecisionOptionTest {

    @Test
    void bfloat16InferenceIsFloatsToBfloat16Accuracy(@TempDir Path tmp) throws Exception {
        Requirement.bf16();
        Path input = tmp.resolve("x.npy");
        Nd4j.writeAsNumpy(Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32), input.toFile());
        INDArray fp32 = CliRun.infer(tmp, "fp32", "resnet20.cifar10", input, "--precision", "fp32");
        INDArray bf16 = CliRun.infer(tmp, "bf16", "resnet20.cifar10", input, "--precision", "bf16");
        double difference = bf16.sub(fp32).amaxNumber().doubleValue();
        assertThat(difference).as("probabilities").isPositive().isLessThan(0.05);
    }

    @Test
    void saysWhatItCannotDoInFlagWords() {
        assertThat(CliRun.of("bench", "resnet20", "--precision", "fp16").err())
                .contains("zoo4j: --precision must be fp32 or bf16, not 'fp16'");
        String unavailable = ComputePrecision.BFLOAT16.unavailableReason();
        CliRun ort = CliRun.of("bench", "resnet20", "--mode", "infer", "--engine", "onnxruntime", "--precision",
                "bf16");
        assertThat(ort.exitCode()).isEqualTo(1);
        assertThat(ort.err()).contains(unavailable != null ? "--precision bf16 is unavailable: " + unavailable
                : "zoo4j: --precision bfloat16 runs on the dl4j engine; onnxruntime computes in float32 only");
        if (unavailable == null) {
            assertThat(CliRun.of("train", "resnet20", "--precision", "bf16", "--format", "NCHW").err())
                    .contains("zoo4j: --precision bf16 needs --format NHWC");
        }
    }
}
