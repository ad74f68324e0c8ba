package org.zoo4j.zoo;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.data.Normalization;
import org.zoo4j.zoo.file.Labels;
import org.zoo4j.zoo.file.ModelCard;
import org.zoo4j.zoo.file.ModelFile;

import static org.assertj.core.api.Assertions.assertThat;

/** Both engines give a model file's outputs: ONNX Runtime (BatchNorm folded, activations fused) equals DL4J to 1e-4. */
class InferenceTest {

    @ParameterizedTest
    @CsvSource({"resnet,NCHW", "resnet,NHWC", "resnet_projection,NHWC", "vgg,NCHW", "densenet,NHWC"})
    void onnxRuntimeGivesDl4jsOutputs(String family, CNN2DFormat layout) {
        Zoo4jModel zoo = TinyModels.of(family, 5, 32, layout).seed(3).build();
        ModelFile model = new ModelFile(zoo.init(), ModelCard.of(zoo, Normalization.NONE, Labels.numbered(5), "test"));
        // trained-looking BatchNorm statistics, so that folding them is not the identity
        model.net().paramTable().forEach((k, v) -> {
            if (k.endsWith("_mean") || k.endsWith("_beta")) {
                v.assign(Nd4j.rand(DataType.FLOAT, v.shape()).subi(0.5));
            } else if (k.endsWith("_var") || k.endsWith("_gamma")) {
                v.assign(Nd4j.rand(DataType.FLOAT, v.shape()).addi(0.5));
            }
        });
        long[] shape = layout == CNN2DFormat.NCHW ? new long[]{6, 3, 32, 32} : new long[]{6, 32, 32, 3};
        INDArray x = Nd4j.rand(DataType.FLOAT, shape);
        try (Inference dl4j = Inference.Engine.DL4J.open(model);
             Inference ort = Inference.Engine.ONNXRUNTIME.open(model)) {
            INDArray expected = dl4j.output(x.dup());
            INDArray actual = ort.output(x);
            assertThat(actual.shape()).containsExactly(6, 5);
            assertThat(actual.equalsWithEps(expected, 1e-4)).as(actual + "\nvs\n" + expected).isTrue();
            assertThat(ort.output(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2))).equalsWithEps(
                    expected.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)), 1e-4)).as("another batch size")
                    .isTrue();
        }
    }
}
