package org.zoo4j.core.file;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.core.Normalization;
import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.zoo.Zoo4jModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFileTest {

    @TempDir
    Path tmp;

    private static final List<String> TEN = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

    @Test
    void savesAndLoadsTheNetworkWithItsCard() throws Exception {
        Zoo4jModel zoo = ModelRegistry.builder("resnet20").dataFormat(CNN2DFormat.NHWC).build();
        ComputationGraph net = zoo.init();
        ModelCard card = zoo.card(Normalization.IMAGENET, TEN, "a test");
        Path file = tmp.resolve("m.zip");
        new ModelFile(net, card).save(file, false);

        ModelFile back = ModelFile.load(file);
        assertThat(back.card()).isEqualTo(card);
        assertThat(back.card().inputShape()).containsExactly(3, 32, 32);
        assertThat(back.card().layout()).isEqualTo(CNN2DFormat.NHWC);
        assertThat(back.card().preprocessing().mean()).containsExactly(0.485f, 0.456f, 0.406f);
        assertThat(Arrays.equals(back.net().params().toFloatVector(), net.params().toFloatVector())).isTrue();
        assertThat(tmp).isDirectoryNotContaining("glob:**.tmp");
        // still a plain DL4J file
        assertThat(ModelSerializer.restoreComputationGraph(file.toFile(), false).numParams()).isEqualTo(net.numParams());
    }

    @Test
    void aPlainDl4jFileGetsACardFromItsNetwork() throws Exception {
        ComputationGraph net = ModelRegistry.builder("resnet20").dataFormat(CNN2DFormat.NHWC).build().init();
        Path file = tmp.resolve("plain.zip");
        ModelSerializer.writeModel(net, file.toFile(), false);
        ModelCard card = ModelFile.load(file).card();
        assertThat(card.layout()).isEqualTo(CNN2DFormat.NHWC);
        assertThat(card.channels()).isEqualTo(3);
        assertThat(card.hasInputSize()).isFalse();
        assertThat(card.labels()).hasSize(10).startsWith("0", "1");
        assertThat(card.withInputSize(32, 32).inputShape()).containsExactly(3, 32, 32);
    }

    @Test
    void cardAndNetworkMustAgreeAndDamageIsNamed() throws Exception {
        ComputationGraph net = ModelRegistry.builder("resnet20").build().init();
        ModelCard three = new ModelCard("resnet20", new int[]{3, 32, 32}, CNN2DFormat.NCHW, Normalization.CIFAR10,
                List.of("x", "y", "z"), "test");
        assertThatThrownBy(() -> new ModelFile(net, three)).hasMessageContaining("names 3 classes")
                .hasMessageContaining("predicts 10");
        Path broken = Files.write(tmp.resolve("broken.zip"), new byte[]{80, 75, 3, 4, 1, 2});
        assertThatThrownBy(() -> ModelFile.load(broken)).hasMessageContaining("broken.zip")
                .hasMessageContaining("not a readable DL4J model file");
        assertThatThrownBy(() -> ModelFile.load(tmp.resolve("none.zip"))).hasMessageContaining("none.zip");
    }

    @Test
    void cardJsonRoundTripsAndRefusesNonsense() {
        ModelCard card = new ModelCard("resnet18_imagenet", new int[]{3, 224, 224}, CNN2DFormat.NCHW,
                Normalization.IMAGENET, List.of("tench", "goldfish"), "imported");
        assertThat(ModelCard.fromJson(card.toJson())).isEqualTo(card);
        assertThatThrownBy(() -> ModelCard.fromJson("{\"architecture\": \"x\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a readable model card");
        assertThatThrownBy(() -> card.withLabels(List.of())).hasMessageContaining("needs the class labels");
        assertThatThrownBy(() -> card.withInputSize(0, 5)).hasMessageContaining("input shape");
    }
}
