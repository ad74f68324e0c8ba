package org.zoo4j.zoo.torch;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.zoo.registry.ModelRegistry;

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
 * PyTorch weights in, PyTorch's output out: fixtures from tools/torch/make_fixtures.py (random weights, BatchNorm
 * statistics calibrated on standardised data, a fixed input, PyTorch's logits and softmax). The small models are
 * committed; the large ones run with {@code -Dzoo4j.torchFixtures=DIR} after the script wrote them to DIR. The
 * fixtures are checked to be strong enough to catch a broken model: their samples' outputs differ by far more than
 * the tolerance, and a mutated network (every kernel flipped) or a wrong input fails them.
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
            assertParity(file.getName().replace(".npz", ""), TorchWeights.read(file.toPath()).tensors());
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
        assertThat(deviation(net, tensors, tensors.get("__input__"))).as(model).isLessThanOrEqualTo(1.0);
    }

    /**
     * The worse of the logits' and the softmax's difference from PyTorch's, in units of the tolerance: logits relative
     * to their largest magnitude, probabilities absolute. At most 1 when the network matches.
     */
    private static double deviation(ComputationGraph net, Map<String, INDArray> tensors, INDArray input) {
        INDArray probabilities = net.outputSingle(false, input);
        INDArray expected = tensors.get("__output__");
        assertThat(probabilities.shape()).containsExactly(expected.shape());
        double softmax = probabilities.sub(expected).amaxNumber().doubleValue() / TOLERANCE;
        INDArray expectedLogits = tensors.get("__logits__");
        double scale = Math.max(1, expectedLogits.amaxNumber().doubleValue());
        double logits = logits(net, input).sub(expectedLogits).amaxNumber().doubleValue() / (TOLERANCE * scale);
        return Math.max(softmax, logits);
    }

    /** The classifier's input times its weights plus bias: the logits before DL4J's softmax. */
    private static INDArray logits(ComputationGraph net, INDArray input) {
        String classifier = net.getConfiguration().getNetworkOutputs().get(0);
        String features = net.getConfiguration().getVertexInputs().get(classifier).get(0);
        INDArray x = net.feedForward(input, false).get(features);
        return x.mmul(net.getLayer(classifier).getParam("W")).addiRowVector(net.getLayer(classifier).getParam("b"));
    }

    /** The committed fixtures' samples differ by far more than the tolerance, so a wrong network cannot pass. */
    @ParameterizedTest
    @ValueSource(strings = {"resnet20", "densenet_bc_100"})
    void fixturesAreStrongEnoughToCatchABrokenModel(String model) throws Exception {
        Map<String, INDArray> tensors = fixture(model);
        INDArray logits = tensors.get("__logits__");
        INDArray probabilities = tensors.get("__output__");
        double scale = Math.max(1, logits.amaxNumber().doubleValue());
        for (int i = 1; i < logits.rows(); i++) {
            assertThat(logits.getRow(i).sub(logits.getRow(0)).amaxNumber().doubleValue())
                    .as("%s sample %d vs 0, logits", model, i).isGreaterThan(100 * TOLERANCE * scale);
            assertThat(probabilities.getRow(i).sub(probabilities.getRow(0)).amaxNumber().doubleValue())
                    .as("%s sample %d vs 0, softmax", model, i).isGreaterThan(10 * TOLERANCE);
        }

        ComputationGraph net = TorchImport.load(ModelRegistry.entry(model).create(), tensors);
        INDArray input = tensors.get("__input__");
        assertThat(deviation(net, tensors, input.permute(0, 1, 3, 2).dup())).as("transposed input")
                .isGreaterThan(100.0);
        assertThat(deviation(net, tensors, input.get(org.nd4j.linalg.indexing.NDArrayIndex.indices(1, 2, 3, 0)).dup()))
                .as("the samples in another order").isGreaterThan(100.0);
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            INDArray w = layer.paramTable().get("W");
            if (w != null && w.rank() == 4) {
                w.assign(org.nd4j.linalg.factory.Nd4j.reverse(w.dup().reshape(w.size(0), w.size(1), -1))
                        .reshape(w.shape())); // every kernel rotated by 180 degrees
            }
        }
        assertThat(deviation(net, tensors, input)).as("flipped kernels").isGreaterThan(100.0);
    }

    private static Map<String, INDArray> fixture(String model) throws Exception {
        try (InputStream in = TorchImportTest.class.getResourceAsStream("/torch/" + model + ".npz")) {
            Path file = Files.createTempFile(model, ".npz");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return TorchWeights.read(file).tensors();
        }
    }
}
