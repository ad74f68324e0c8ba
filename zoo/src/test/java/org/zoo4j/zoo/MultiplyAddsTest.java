package org.zoo4j.zoo;

import org.zoo4j.zoo.registry.ModelRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Against the figures torchvision publishes with its weights (GFLOPS: multiply-adds) and He et al.'s for CIFAR. */
class MultiplyAddsTest {

    @ParameterizedTest
    @CsvSource({
            "resnet18_imagenet, 1.81",     // torchvision ResNet18_Weights.IMAGENET1K_V1.meta['_ops']
            "resnet34_imagenet, 3.66",
            "vgg13_imagenet, 11.31",
            "densenet121_imagenet, 2.83",
            "resnet20, 0.0406",           // He et al. 2016, table 6: ResNet-20 ~41M FLOPs
            "resnet110, 0.253",
    })
    void matchesPublishedFigures(String model, double gflops) {
        double counted = MultiplyAdds.of(ModelRegistry.builder(model).build()) / 1e9;
        assertThat(counted).isCloseTo(gflops, within(gflops * 0.01));
    }

    /** Shapes through a flattening before a dense layer (DL4J adds the preprocessor there when it builds). */
    @org.junit.jupiter.api.Test
    void theSummaryReadsShapesThroughTheFlatteningBeforeADenseHead() {
        ModelSummary summary = ModelSummary.of(ModelRegistry.builder("vgg13_imagenet").build());
        assertThat(summary.table()).contains("head").contains("1000");
        assertThat(summary.params()).isEqualTo(133_047_848L);
    }
}
