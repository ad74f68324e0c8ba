package org.zoo4j.onnx;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.core.InvalidSettingException;
import org.zoo4j.core.Normalization;
import org.zoo4j.layers.conv.ComputePrecision;
import org.zoo4j.core.file.Labels;
import org.zoo4j.core.file.ModelFile;
import org.zoo4j.core.inference.Dl4jEngine;
import org.zoo4j.core.inference.Inference;
import org.zoo4j.core.inference.InferenceEngine;
import org.zoo4j.zoo.TinyModels;
import org.zoo4j.zoo.Zoo4jModel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ONNX Runtime, found as an engine because this module is on the class path, gives a model file's outputs: BatchNorm
 * folded, activations fused, DL4J's outputs to 1e-4.
 */
class OnnxRuntimeEngineTest {

    @Test
    void registersItselfBesideDl4j() {
        assertThat(InferenceEngine.available()).extracting(InferenceEngine::name)
                .containsExactly("dl4j", "onnxruntime");
        assertThat(InferenceEngine.named("ONNXRuntime")).isInstanceOf(OnnxRuntimeEngine.class);
    }

    @Test
    void isTheFastestEngineWhereItRunsTheModelAndDl4jElsewhere() {
        Zoo4jModel zoo = TinyModels.of("resnet", 5, 32, CNN2DFormat.NHWC).build();
        ModelFile model = new ModelFile(zoo.init(), zoo.card(Normalization.NONE, Labels.numbered(5), "test"));
        assertThat(InferenceEngine.fastest(model, ComputePrecision.FLOAT32)).isInstanceOf(OnnxRuntimeEngine.class);
        assertThat(InferenceEngine.fastest(model, ComputePrecision.BFLOAT16)).as("float32 only here")
                .isSameAs(Dl4jEngine.INSTANCE);
        ModelFile padded = OnnxExportTest.single(new org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer.Builder(1, 1)
                .build());
        assertThat(InferenceEngine.fastest(padded, ComputePrecision.FLOAT32)).as("a layer with no ONNX mapping")
                .isSameAs(Dl4jEngine.INSTANCE);
    }

    @Test
    void computesInFloat32Only() {
        Zoo4jModel zoo = TinyModels.of("resnet", 5, 32, CNN2DFormat.NHWC).build();
        ModelFile model = new ModelFile(zoo.init(), zoo.card(Normalization.NONE, Labels.numbered(5), "test"));
        assertThatThrownBy(() -> new OnnxRuntimeEngine().open(model, ComputePrecision.BFLOAT16))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo(InferenceEngine.PRECISION))
                .hasMessage("precision bfloat16 runs on the dl4j engine; onnxruntime computes in float32 only");
    }

    @ParameterizedTest
    @CsvSource({"resnet,NCHW", "resnet,NHWC", "resnet_projection,NHWC", "vgg,NCHW", "densenet,NHWC"})
    void onnxRuntimeGivesDl4jsOutputs(String family, CNN2DFormat layout) {
        Zoo4jModel zoo = TinyModels.of(family, 5, 32, layout).seed(3).build();
        ModelFile model = new ModelFile(zoo.init(), zoo.card(Normalization.NONE, Labels.numbered(5), "test"));
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
        try (Inference dl4j = Dl4jEngine.INSTANCE.open(model);
             Inference ort = InferenceEngine.named("onnxruntime").open(model)) {
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
