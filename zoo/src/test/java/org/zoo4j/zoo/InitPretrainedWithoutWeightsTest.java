package org.zoo4j.zoo;

import org.zoo4j.zoo.registry.ModelRegistry;
import org.deeplearning4j.zoo.PretrainedType;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A project with zoo4j-zoo but not zoo4j-weights (as this module's tests are): initPretrained says what to add. */
class InitPretrainedWithoutWeightsTest {

    @Test
    void namesTheArtifactToAdd() {
        Zoo4jModel resnet20 = ModelRegistry.builder("resnet20").build();
        assertThat(resnet20.pretrainedAvailable(PretrainedType.CIFAR10)).isFalse();
        assertThat(resnet20.pretrainedUrl(PretrainedType.CIFAR10)).isNull(); // nothing is ever downloaded
        assertThatThrownBy(() -> resnet20.initPretrained(PretrainedType.CIFAR10)).isInstanceOf(IOException.class)
                .hasMessageContaining("org.zoo4j:zoo4j-weights").hasMessageContaining("resnet20.cifar10");
    }
}
