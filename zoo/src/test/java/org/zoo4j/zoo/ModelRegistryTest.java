package org.zoo4j.zoo;

import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.zoo.registry.ModelEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelRegistryTest {

    static List<String> names() {
        return ModelRegistry.names();
    }

    @Test
    void registersEveryRequiredModel() {
        assertThat(ModelRegistry.names()).containsExactly("vgg13", "vgg13_bn", "vgg13_imagenet", "resnet18_seed",
                "resnet18", "resnet34", "resnet18_imagenet", "resnet34_imagenet", "resnet20", "resnet32", "resnet44",
                "resnet56", "resnet110", "densenet_bc_100", "densenet40", "densenet121_imagenet");
    }

    @ParameterizedTest
    @MethodSource("names")
    void parameterCountsEqualTheReferenceImplementation(String name) {
        Zoo4jModel model = ModelRegistry.entry(name).create();
        assertThat(ParamCount.of(model.conf())).isEqualTo(ReferenceCounts.of(name));
    }

    @ParameterizedTest
    @MethodSource("names")
    void defaultsFollowTheNamingConvention(String name) {
        ModelOptions options = ModelRegistry.entry(name).create().options();
        boolean imagenet = name.endsWith("_imagenet");
        assertThat(options.numClasses()).isEqualTo(imagenet ? 1000 : 10);
        assertThat(options.inputShape()).containsExactly(imagenet ? new int[]{3, 224, 224} : new int[]{3, 32, 32});
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> ModelRegistry.entry("resnet19"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown model 'resnet19'")
                .hasMessageContaining("resnet18, resnet34");
    }

    /**
     * The registry's refusals. A successful registration changes the JVM-wide registry that the tests above iterate,
     * so it is tested end to end in a process of its own (UserArchitectureIT: a provider jar through every command).
     */
    @Test
    void registerRefusesTakenAndMalformedNames() {
        ModelEntry resnet20 = ModelRegistry.entry("resnet20");
        assertThatThrownBy(() -> ModelRegistry.register(new ModelEntry("resnet20", "resnet", "mine",
                resnet20.builder()))).hasMessageContaining("a model named 'resnet20' is registered already")
                .hasMessageContaining(resnet20.reference());
        assertThatThrownBy(() -> ModelRegistry.register(new ModelEntry("My.Net", "resnet", "mine",
                resnet20.builder()))).hasMessageContaining("lower-case letters, digits and '_'");
    }
}
