package org.zoo4j.zoo.keras;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.zoo.ConvStyle;
import org.zoo4j.zoo.ModelBuilder;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.zoo.resnet.ResBlock;
import org.zoo4j.zoo.resnet.ResNet;
import org.zoo4j.zoo.torch.TorchWeights;
import org.zoo4j.zoo.vgg.Vgg;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zoo4j.zoo.vgg.Vgg.M;

/**
 * Keras weights in, Keras' output out: the seed notebook's VGG13 and ResNet18 built in Keras by
 * tools/keras/make_fixtures.py at narrow widths (the same cells, committed small), saved with {@code model.save} in
 * Keras 3's layout and renamed to Keras 2's, against zoo4j's Keras-style families at those widths.
 */
class KerasImportTest {

    private static final double TOLERANCE = 1e-4;

    /** The zoo model of the fixture's architecture: the seed's, at the fixture's widths. */
    private static ModelBuilder<? extends Zoo4jModel> seedModel(String name, int[] widths) {
        if (name.equals("vgg13")) {
            List<Integer> config = new ArrayList<>();
            for (int stage = 0; stage < 5; stage++) {
                config.add(widths[2 * stage]);
                config.add(widths[2 * stage + 1]);
                config.add(M);
            }
            return Vgg.of("vgg13", new Vgg.Architecture(config, false, Vgg.Head.SEED, ConvStyle.KERAS), false);
        }
        return ResNet.of("resnet18_seed", new ResNet.Architecture(ResNet.Stem.SEED,
                java.util.Arrays.stream(widths).boxed().toList(), List.of(2, 2, 2, 2), ResBlock.Shortcut.CONV,
                ConvStyle.KERAS), false);
    }

    @ParameterizedTest
    @CsvSource({"vgg13, vgg13.h5", "vgg13, vgg13-keras2.h5", "resnet18_seed, resnet18_seed.h5",
            "resnet18_seed, resnet18_seed-keras2.h5"})
    void matchesKeras(String model, String file) throws Exception {
        Map<String, INDArray> fixture = TorchWeights.read(resource(model + ".npz")).tensors();
        int[] widths = fixture.get("widths").toIntVector();
        ComputationGraph net = KerasImport.load(seedModel(model, widths).build(), KerasImport.read(resource(file)));

        INDArray x = fixture.get("input_nhwc").permute(0, 3, 1, 2).dup('c'); // the zoo model is NCHW
        INDArray softmax = net.outputSingle(false, x);
        assertThat(softmax.sub(fixture.get("softmax")).amaxNumber().doubleValue()).isLessThanOrEqualTo(TOLERANCE);
        INDArray logits = fixture.get("logits");
        String head = net.getConfiguration().getNetworkOutputs().get(0);
        INDArray features = net.feedForward(x, false).get(net.getConfiguration().getVertexInputs().get(head).get(0));
        INDArray ours = features.mmul(net.getLayer(head).getParam("W")).addiRowVector(net.getLayer(head).getParam("b"));
        double scale = Math.max(1, logits.amaxNumber().doubleValue());
        assertThat(ours.sub(logits).amaxNumber().doubleValue()).isLessThanOrEqualTo(TOLERANCE * scale);
        // strong enough to catch a broken import: the samples differ by far more than the tolerance
        assertThat(logits.getRow(1).sub(logits.getRow(0)).amaxNumber().doubleValue())
                .isGreaterThan(100 * TOLERANCE * scale);
    }

    @Test
    void aMismatchIsReportedWholeAndTouchesNothing() throws Exception {
        List<KerasImport.KerasLayer> vgg = KerasImport.read(resource("vgg13.h5"));
        Map<String, INDArray> fixture = TorchWeights.read(resource("resnet18_seed.npz")).tensors();
        Zoo4jModel resnet = seedModel("resnet18_seed", fixture.get("widths").toIntVector()).build();
        assertThatThrownBy(() -> KerasImport.load(resnet, vgg)).hasMessageContaining("cannot import into resnet18_seed")
                .hasMessageContaining("convolution layers, the file 10")
                .hasMessageContaining("BatchNorm layers, the file 0");
        assertThatThrownBy(() -> KerasImport.read(Path.of("missing.h5"))).hasMessageContaining("missing.h5");
        Path notH5 = Files.writeString(Files.createTempFile("x", ".h5"), "not hdf5");
        assertThatThrownBy(() -> KerasImport.read(notH5)).hasMessageContaining("not a readable Keras .h5");
    }

    private static Path resource(String name) throws Exception {
        Path file = Files.createTempFile("keras", name);
        file.toFile().deleteOnExit();
        try (InputStream in = KerasImportTest.class.getResourceAsStream("/keras/" + name)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }
}
