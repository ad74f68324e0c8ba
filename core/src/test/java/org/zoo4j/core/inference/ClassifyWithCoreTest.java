package org.zoo4j.core.inference;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.zoo4j.core.Images;
import org.zoo4j.core.InvalidSettingException;
import org.zoo4j.core.Normalization;
import org.zoo4j.core.file.ModelCard;
import org.zoo4j.core.file.ModelFile;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A model file classifies images with this module alone (no zoo, no training, no ONNX Runtime on this module's
 * class path): saved, loaded, each image fitted and preprocessed as its card says, run by the built-in engine.
 */
class ClassifyWithCoreTest {

    private static final List<String> LABELS = List.of("red", "green", "blue");

    @Test
    void aModelFileClassifiesImagesAsItsNetworkComputes(@TempDir Path tmp) throws Exception {
        ModelCard card = new ModelCard("tiny", new int[]{3, 8, 8}, CNN2DFormat.NHWC, Normalization.SCALE_01, LABELS,
                "random");
        Path file = tmp.resolve("tiny.zip");
        new ModelFile(tinyNet(), card).save(file, false);
        ModelFile model = ModelFile.load(file);
        assertThat(model.card()).isEqualTo(card);

        List<Path> images = new ArrayList<>();
        for (Color colour : new Color[]{Color.RED, new Color(20, 200, 60)}) {
            BufferedImage image = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
            image.getGraphics().setColor(colour);
            image.getGraphics().fillRect(0, 0, 16, 12);
            Path png = tmp.resolve(images.size() + ".png");
            ImageIO.write(image, "png", png.toFile());
            images.add(png);
        }
        Path broken = Files.writeString(tmp.resolve("broken.png"), "not a picture");
        images.add(1, broken);

        List<Prediction.Result> results = new ArrayList<>();
        try (Inference engine = InferenceEngine.named("dl4j").open(model)) {
            Prediction.classify(model, engine, images, 3, 2, results::add);
        }

        assertThat(results).extracting(Prediction.Result::file).containsExactlyElementsOf(images);
        assertThat(results.get(1).ok()).isFalse();
        assertThat(results.get(1).error()).isNotBlank();
        INDArray expected = model.net().outputSingle(false, Images.batch(List.of(Images.read(images.get(0)),
                Images.read(images.get(2))), 8, 8, Normalization.SCALE_01, CNN2DFormat.NHWC));
        for (int i : new int[]{0, 2}) {
            List<Prediction.Guess> guesses = results.get(i).guesses();
            assertThat(guesses).hasSize(3);
            double[] p = expected.getRow(i == 0 ? 0 : 1).toDoubleVector();
            for (Prediction.Guess g : guesses) {
                assertThat(g.probability()).isCloseTo(p[LABELS.indexOf(g.label())], within(1e-6));
            }
            assertThat(guesses.get(0).probability()).isGreaterThanOrEqualTo(guesses.get(1).probability());
        }
    }

    @Test
    void onlyDl4jRunsModelsWithoutAnotherEngineOnTheClassPath() {
        assertThat(InferenceEngine.available()).containsExactly(Dl4jEngine.INSTANCE);
        assertThatThrownBy(() -> InferenceEngine.named("onnxruntime"))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.setting()).isEqualTo("engine"))
                .hasMessage("engine 'onnxruntime' is not an engine on the class path; there are [dl4j] (ONNX Runtime "
                        + "comes with zoo4j-onnx)");
    }

    private static ComputationGraph tinyNet() {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(7).graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(8, 8, 3, CNN2DFormat.NHWC))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU)
                        .dataFormat(CNN2DFormat.NHWC).build(), "input")
                .addLayer("pool", new GlobalPoolingLayer.Builder().build(), "conv")
                .addLayer("fc", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("fc").build());
        net.init();
        return net;
    }
}
