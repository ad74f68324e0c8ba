package org.zoo4j.zoo;

import org.junit.jupiter.api.Test;
import org.zoo4j.zoo.resnet.ResBlock;
import org.zoo4j.zoo.resnet.ResNet;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelRegistryTest {

    @Test
    void registersAUsersArchitectureAfterZoo4jsOwn() {
        ModelEntry mine = new ModelEntry("registry_test_net", "resnet", "a test's ResNet",
                () -> ResNet.of("registry_test_net", new ResNet.Architecture(ResNet.Stem.CIFAR, List.of(4),
                        List.of(1), ResBlock.Shortcut.OPTION_A, ConvStyle.PYTORCH), false));
        ModelRegistry.register(mine);
        assertThat(ModelRegistry.names()).endsWith("registry_test_net").startsWith("vgg13");
        assertThat(ModelRegistry.builder("registry_test_net").build().init().getLayer(Zoo4jModel.CLASSIFIER))
                .isNotNull();
        assertThatThrownBy(() -> ModelRegistry.register(mine)).hasMessageContaining("registered already")
                .hasMessageContaining("a test's ResNet");
        assertThatThrownBy(() -> ModelRegistry.register(new ModelEntry("resnet20", "x", "y", mine.builder())))
                .hasMessageContaining("'resnet20' is registered already");
        assertThatThrownBy(() -> ModelRegistry.register(new ModelEntry("My.Net", "x", "y", mine.builder())))
                .hasMessageContaining("lower-case letters, digits and '_'");
    }
}
