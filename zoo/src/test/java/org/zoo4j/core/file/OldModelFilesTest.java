package org.zoo4j.core.file;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.core.Normalization;
import org.zoo4j.layers.graph.OptionAShortcut;
import org.zoo4j.layers.graph.ResidualAdd;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A model file an earlier version wrote (tools/fixtures/old_model_file.jsh, run on zoo4j 7b20195's jars: its
 * configuration names the option-A shortcut by its earlier class name) loads into today's classes and computes what it
 * computed then.
 */
class OldModelFilesTest {

    @Test
    void aFileOfVersion7b20195LoadsAndComputesAsItDid() throws Exception {
        Path file = Path.of(getClass().getResource("/files/tiny-resnet-7b20195.zip").toURI());
        ModelFile model = ModelFile.load(file);

        assertThat(model.card().architecture()).isEqualTo("tiny_resnet");
        assertThat(model.card().layout()).isEqualTo(CNN2DFormat.NHWC);
        assertThat(model.card().preprocessing()).isEqualTo(Normalization.CIFAR10);
        assertThat(model.net().getConfiguration().getVertices().values())
                .hasAtLeastOneElementOfType(OptionAShortcut.class).hasAtLeastOneElementOfType(ResidualAdd.class);

        INDArray x = Nd4j.linspace(0, 1, 2 * 8 * 8 * 3, DataType.FLOAT).reshape(2, 8, 8, 3);
        float[] actual = model.net().outputSingle(false, x).data().asFloat();
        String text;
        try (var in = getClass().getResourceAsStream("/files/tiny-resnet-7b20195.outputs.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        float[] expected = toFloats(text);
        assertThat(actual).hasSize(6);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("output %d", i).isCloseTo(expected[i], within(1e-6f));
        }
    }

    private static float[] toFloats(String bracketed) {
        String[] parts = bracketed.substring(1, bracketed.length() - 1).split(",\\s*");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i]);
        }
        return values;
    }
}
