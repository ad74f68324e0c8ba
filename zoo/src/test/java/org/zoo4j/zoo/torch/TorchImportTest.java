package org.zoo4j.zoo.torch;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.zoo.ModelRegistry;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PyTorch weights in, PyTorch's output out: fixtures from tools/torch/make_fixtures.py (random weights with
 * non-trivial BatchNorm statistics, a fixed input, PyTorch's softmax). The small models are committed; the large
 * ones run with {@code -Dzoo4j.torchFixtures=DIR} after the script wrote them to DIR.
 */
class TorchImportTest {

    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"resnet20", "densenet_bc_100"})
    void matchesPyTorch(String model) throws Exception {
        assertParity(model, fixture(model));
    }

    @Test
    @EnabledIfSystemProperty(named = "zoo4j.torchFixtures", matches = ".+")
    void matchesPyTorchOnEveryGeneratedFixture() throws Exception {
        File[] files = new File(System.getProperty("zoo4j.torchFixtures")).listFiles((d, n) -> n.endsWith(".npz"));
        assertThat(files).isNotEmpty();
        for (File file : files) {
            assertParity(file.getName().replace(".npz", ""), TorchImport.readNpz(file));
        }
    }

    @Test
    void reportsEveryNameProblemAtOnceAndTouchesNothing() throws Exception {
        Map<String, INDArray> tensors = new HashMap<>(fixture("resnet20"));
        tensors.remove("layer2.0.conv1.weight");
        tensors.put("layer9.0.conv1.weight", Nd4j.zeros(1));
        tensors.put("linear.weight", Nd4j.zeros(10, 32));

        assertThatThrownBy(() -> TorchImport.load(ModelRegistry.entry("resnet20").create(), tensors))
                .hasMessageContaining("3 problem(s)")
                .hasMessageContaining("missing layer2.0.conv1.weight (for stage2.block1.conv1 W, shape [32, 16, 3, 3])")
                .hasMessageContaining("unexpected layer9.0.conv1.weight [1]")
                .hasMessageContaining("shape of linear.weight is [10, 32], head.fc W needs [64, 10]");
    }

    /** A DataParallel checkpoint exported as it is: the shared 'module.' prefix is named in one sentence. */
    @Test
    void aPrefixEveryNameSharesIsNamed() throws Exception {
        Map<String, INDArray> tensors = new HashMap<>();
        fixture("resnet20").forEach((k, v) -> tensors.put(k.startsWith("__") ? k : "module." + k, v));
        assertThatThrownBy(() -> TorchImport.load(ModelRegistry.entry("resnet20").create(), tensors))
                .hasMessageContaining("Every name in the file starts with 'module.'")
                .hasMessageContaining("unexpected module.conv1.weight");
        assertThat(TorchImport.sharedPrefix(java.util.List.of("a.x", "a.y"))).isEqualTo("a.");
        assertThat(TorchImport.sharedPrefix(java.util.List.of("a.x", "b.y"))).isEmpty();
    }

    @Test
    void kerasExactModelsHaveNothingToImport() {
        assertThatThrownBy(() -> TorchImport.load(ModelRegistry.entry("resnet18_seed").create(), Map.of()))
                .hasMessageContaining("Keras-exact");
    }

    private static void assertParity(String model, Map<String, INDArray> tensors) {
        ComputationGraph net = TorchImport.load(ModelRegistry.entry(model).create(), tensors);
        INDArray actual = net.outputSingle(false, tensors.get("__input__"));
        INDArray expected = tensors.get("__output__");
        assertThat(actual.shape()).containsExactly(expected.shape());
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).as(model + " max |diff|")
                .isLessThanOrEqualTo(TOLERANCE);
    }

    private static Map<String, INDArray> fixture(String model) throws Exception {
        try (InputStream in = TorchImportTest.class.getResourceAsStream("/torch/" + model + ".npz")) {
            Path file = Files.createTempFile(model, ".npz");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return TorchImport.readNpz(file.toFile());
        }
    }
}
