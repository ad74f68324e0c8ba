package org.zoo4j.zoo.torch;

import org.zoo4j.core.file.Labels;
import org.zoo4j.zoo.TorchReference;
import org.junit.jupiter.api.Test;
import org.zoo4j.core.Normalization;
import org.zoo4j.zoo.ConvStyle;
import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.zoo.resnet.ResBlock;
import org.zoo4j.zoo.resnet.ResNet;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each family names its vertices in PyTorch from its architecture, whatever the model is called. */
class TorchReferenceTest {

    @Test
    void aCustomNamedImagenetResNetGetsTorchvisionNames() {
        ResNet.Architecture arch = new ResNet.Architecture(ResNet.Stem.IMAGENET, List.of(64, 128), List.of(1, 1),
                ResBlock.Shortcut.PROJECTION, ConvStyle.PYTORCH);
        TorchReference ref = ResNet.of("mynet", arch, true).build().torchReference().orElseThrow();
        assertThat(ref.labels()).hasSize(1000).startsWith("tench");
        assertThat(ref.moduleNames()).containsEntry("head.fc", "fc")
                .containsEntry("stage2.block1.shortcut.conv", "layer2.0.downsample.0");
        assertThat(ref.preprocessing()).isEqualTo(Normalization.IMAGENET);
    }

    @Test
    void cifarModelsUseTheCifarReferencesAndKerasModelsHaveNone() {
        TorchReference r18 = ModelRegistry.builder("resnet18").build().torchReference().orElseThrow();
        assertThat(r18.moduleNames()).containsEntry("head.fc", "linear")
                .containsEntry("stage2.block1.shortcut.conv", "layer2.0.shortcut.0");
        assertThat(r18.preprocessing()).isEqualTo(Normalization.CIFAR10);
        assertThat(r18.labels()).isEqualTo(Labels.cifar10());
        assertThat(ModelRegistry.builder("vgg13_imagenet").build().torchReference().orElseThrow().moduleNames())
                .containsEntry("head.fc", "classifier.6");
        assertThat(ModelRegistry.builder("densenet121_imagenet").build().torchReference().orElseThrow().moduleNames())
                .containsEntry("dense1.layer1.conv1", "features.denseblock1.denselayer1.conv1");
        assertThat(ModelRegistry.builder("vgg13").build().torchReference()).isEmpty();
        assertThat(ModelRegistry.builder("resnet18_seed").build().torchReference()).isEmpty();
    }
}
