package org.zoo4j.zoo;

import org.zoo4j.core.inference.Dl4jEngine;
import org.zoo4j.core.inference.Inference;
import org.zoo4j.layers.testing.Requirement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.core.Normalization;
import org.zoo4j.layers.conv.ComputePrecision;
import org.zoo4j.core.file.Labels;
import org.zoo4j.core.file.ModelFile;

/** A model built or opened in bfloat16 computes in it: its outputs are float's to bfloat16 accuracy, not float's. */
class PrecisionTest {

    @ParameterizedTest
    @ValueSource(strings = {"resnet", "vgg", "densenet"})
    void bfloat16ModelsGiveFloatOutputsToBfloat16Accuracy(String family) {
        Requirement.bf16();
        ComputationGraph fp32 = TinyModels.of(family, 5, 32, CNN2DFormat.NHWC).seed(3).build().init();
        Zoo4jModel zoo = TinyModels.of(family, 5, 32, CNN2DFormat.NHWC).seed(3).precision(ComputePrecision.BFLOAT16)
                .build();
        ComputationGraph bf16 = zoo.init();
        assertThat(bf16.params()).isEqualTo(fp32.params());
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 32, 32, 3);
        INDArray expected = fp32.outputSingle(false, x);
        INDArray actual = bf16.outputSingle(false, x);
        double difference = actual.sub(expected).amaxNumber().doubleValue();
        assertThat(difference).as("rounded to bfloat16, yet close").isPositive().isLessThan(2e-2);
        ModelFile file = new ModelFile(bf16, zoo.card(Normalization.NONE, Labels.numbered(5), "test"));
        ModelFile inFloat = new ModelFile(fp32, zoo.card(Normalization.NONE, Labels.numbered(5), "test"));
        try (Inference asItIs = Dl4jEngine.INSTANCE.open(file); Inference float32 = Dl4jEngine.INSTANCE.open(inFloat)) {
            // the engine folds BatchNorm into the convolutions, which rounds differently from the network itself
            INDArray opened = asItIs.output(x);
            assertThat(opened.sub(actual).amaxNumber().doubleValue()).isLessThan(2e-2);
            assertThat(opened.sub(float32.output(x)).amaxNumber().doubleValue())
                    .as("opened without a precision: the network's own, bfloat16").isPositive();
        }
    }

    @Test
    void saysWhyAModelCannotComputeInBfloat16() {
        Requirement.bf16();
        ModelBuilder<? extends Zoo4jModel> nchw = TinyModels.of("resnet", 5, 32, CNN2DFormat.NCHW)
                .precision(ComputePrecision.BFLOAT16);
        assertThatThrownBy(() -> nchw.build().init()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runs NHWC models, and this one is NCHW");

        Zoo4jModel zoo = TinyModels.of("resnet", 5, 32, CNN2DFormat.NHWC).build();
        ModelFile model = new ModelFile(zoo.init(), zoo.card(Normalization.NONE, Labels.numbered(5), "test"));
        try (Inference dl4j = Dl4jEngine.INSTANCE.open(model, ComputePrecision.BFLOAT16)) {
            assertThat(dl4j.output(Nd4j.rand(DataType.FLOAT, 2, 32, 32, 3)).shape()).containsExactly(2, 5);
        }
    }
}
