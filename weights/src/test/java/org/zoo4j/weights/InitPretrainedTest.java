package org.zoo4j.weights;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.PretrainedType;
import org.junit.jupiter.api.Test;
import org.zoo4j.layers.testing.Bits;
import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.zoo.Zoo4jModel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A project with zoo4j-weights on its class path: DL4J's initPretrained gives the shipped weights. */
class InitPretrainedTest {

    @Test
    void initPretrainedLoadsTheShippedWeights() throws Exception {
        Zoo4jModel resnet20 = ModelRegistry.builder("resnet20").build();
        assertThat(resnet20.pretrainedAvailable(PretrainedType.CIFAR10)).isTrue();
        assertThat(resnet20.pretrainedAvailable(PretrainedType.IMAGENET)).isFalse();
        ComputationGraph net = resnet20.initPretrained(PretrainedType.CIFAR10);
        Bits.assertSame(net.params(), PretrainedWeights.load("resnet20.cifar10").net().params(), "parameters");
    }

    @Test
    void aTypeWithoutWeightsNamesTheTagsThatExist() {
        assertThatThrownBy(() -> ModelRegistry.builder("resnet20").build().initPretrained(PretrainedType.IMAGENET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no shipped weights resnet20.imagenet; resnet20 ships [resnet20.cifar10]");
        assertThatThrownBy(() -> ModelRegistry.builder("resnet110").build().initPretrained(PretrainedType.CIFAR10))
                .hasMessageContaining("resnet110 ships none (every shipped tag: [").hasMessageContaining("resnet20.cifar10");
    }
}
