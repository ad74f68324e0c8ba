package org.zoo4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import onnx.Onnx;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.zoo4j.core.Normalization;
import org.zoo4j.layers.conv.ConvArithmetic.Padding;
import org.zoo4j.layers.conv.ConvLayers;
import org.zoo4j.layers.conv.TransposedConvolution2D;
import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.zoo.TorchReference;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.core.file.Labels;
import org.zoo4j.core.file.ModelCard;
import org.zoo4j.core.file.ModelFile;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every registry model out to ONNX and run by ONNX Runtime gives DL4J's outputs (random weights and statistics). */
class OnnxExportTest {

    private static final double TOLERANCE = 1e-4;

    /** A registry model with random weights and BatchNorm statistics, and its card. */
    private static ModelFile randomModel(String name, CNN2DFormat format) {
        Zoo4jModel zoo = ModelRegistry.builder(name).dataFormat(format).seed(5).build();
        ComputationGraph net = zoo.init();
        Random random = new Random(9);
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            if (layer.paramTable().containsKey("gamma")) {
                long c = layer.getParam("gamma").length();
                layer.getParam("mean").assign(Nd4j.rand(DataType.FLOAT, c).subi(0.5).muli(0.2));
                layer.getParam("var").assign(Nd4j.rand(DataType.FLOAT, c).addi(0.5));
                layer.getParam("gamma").assign(Nd4j.rand(DataType.FLOAT, c).addi(0.5));
                layer.getParam("beta").assign(Nd4j.rand(DataType.FLOAT, c).subi(0.5).muli(0.2));
            }
        }
        spreadLogits(net, Nd4j.randn(DataType.FLOAT, zoo.options().dataFormat() == CNN2DFormat.NCHW
                ? new long[]{4, zoo.options().channels(), zoo.options().height(), zoo.options().width()}
                : new long[]{4, zoo.options().height(), zoo.options().width(), zoo.options().channels()}));
        return new ModelFile(net, zoo.card(Normalization.CIFAR10,
                zoo.torchReference().map(TorchReference::labels).orElse(Labels.defaultFor(zoo.options().numClasses())),
                "random " + random.nextInt()));
    }

    /** Scales the classifier so that its logits spread over a few units: the softmax then depends on the input. */
    private static void spreadLogits(ComputationGraph net, INDArray x) {
        String head = net.getConfiguration().getNetworkOutputs().get(0);
        INDArray features = net.feedForward(x, false).get(net.getConfiguration().getVertexInputs().get(head).get(0));
        features = features.reshape(features.size(0), -1); // a scale estimate: the flattening order does not matter
        INDArray w = net.getLayer(head).getParam("W");
        double spread = features.mmul(w).stdNumber().doubleValue();
        w.muli(3.0 / spread);
    }

    /** ONNX Runtime's output for an NCHW (or NHWC) float batch. */
    static float[][] run(byte[] onnx, INDArray x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.dup('c').data().asFloat()),
                     x.shape());
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    private static void assertSameOutputs(ModelFile model, OnnxExport.Options options) throws Exception {
        ModelCard card = model.card();
        Nd4j.getRandom().setSeed(4);
        INDArray nchw = Nd4j.randn(DataType.FLOAT, 2, card.channels(), card.height(), card.width());
        INDArray dl4jInput = card.layout() == CNN2DFormat.NHWC ? nchw.permute(0, 2, 3, 1).dup('c') : nchw;
        // a copy: DL4J's activation layers overwrite their input at inference (a ReLU hides that, a tanh does not)
        INDArray expected = model.net().outputSingle(false, dl4jInput.dup());
        byte[] onnx = OnnxExport.export(model, options).toByteArray();
        INDArray onnxInput = options.layout() == CNN2DFormat.NHWC ? nchw.permute(0, 2, 3, 1).dup('c') : nchw;
        INDArray actual = Nd4j.create(run(onnx, onnxInput));
        assertThat(actual.shape()).containsExactly(expected.shape());
        assertThat(actual.sub(expected).amaxNumber().doubleValue()).as(card.architecture())
                .isLessThanOrEqualTo(TOLERANCE);
        // the two samples' outputs differ by far more than the tolerance: a wrong graph cannot pass by accident
        assertThat(expected.getRow(0).sub(expected.getRow(1)).amaxNumber().doubleValue())
                .isGreaterThan(10 * TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet20", "resnet32", "resnet18", "resnet18_seed", "vgg13", "vgg13_bn",
            "densenet_bc_100", "densenet40"})
    void everyCifarModelMatchesInOnnxRuntime(String name) throws Exception {
        assertSameOutputs(randomModel(name, CNN2DFormat.NCHW), OnnxExport.Options.DEFAULT);
    }

    @Test
    void nhwcModelsExportToAnNchwGraphOrAnNhwcInput() throws Exception {
        ModelFile nhwc = randomModel("resnet20", CNN2DFormat.NHWC);
        assertSameOutputs(nhwc, OnnxExport.Options.DEFAULT);
        assertSameOutputs(nhwc, new OnnxExport.Options(13, 2, CNN2DFormat.NHWC));
        assertSameOutputs(randomModel("vgg13", CNN2DFormat.NHWC), new OnnxExport.Options(17, 0, CNN2DFormat.NCHW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18_imagenet", "resnet34_imagenet", "vgg13_imagenet", "densenet121_imagenet"})
    @EnabledIfSystemProperty(named = "zoo4j.onnxLarge", matches = "true")
    void imagenetModelsMatchInOnnxRuntime(String name) throws Exception {
        assertSameOutputs(randomModel(name, CNN2DFormat.NCHW), OnnxExport.Options.DEFAULT);
    }

    static ModelFile single(Layer layer) {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .graphBuilder().addInputs("input").setInputTypes(InputType.convolutional(9, 9, 3))
                .addLayer("layer", layer, "input")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "layer")
                .addLayer("head.fc", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("head.fc").build());
        net.init();
        spreadLogits(net, Nd4j.randn(DataType.FLOAT, 4, 3, 9, 9));
        return new ModelFile(net, new ModelCard("variant", new int[]{3, 9, 9}, CNN2DFormat.NCHW, Normalization.NONE,
                Labels.numbered(4), "random"));
    }

    @Test
    void dilatedAndSeparableConvolutionsMatch() throws Exception {
        assertSameOutputs(single(ConvLayers.dilated(5, 3, 2, 1, Padding.SAME, true)), OnnxExport.Options.DEFAULT);
        assertSameOutputs(single(ConvLayers.dilated(5, 3, 2, 2, Padding.VALID, false)), OnnxExport.Options.DEFAULT);
        assertSameOutputs(single(ConvLayers.separable(6, 3, 2, 1, 1, Padding.SAME, true)), OnnxExport.Options.DEFAULT);
        assertSameOutputs(single(ConvLayers.separable(6, 3, 1, 2, 1, Padding.VALID, false)), OnnxExport.Options.DEFAULT);
    }

    @Test
    void activationLayersExportTheirActivation() throws Exception {
        for (Activation activation : new Activation[]{Activation.RELU, Activation.TANH, Activation.SIGMOID}) {
            assertSameOutputs(single(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                    .activation(activation).build()), OnnxExport.Options.DEFAULT);
        }
        ModelFile leaky = single(new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                .activation(Activation.LEAKYRELU).build());
        assertThatThrownBy(() -> OnnxExport.export(leaky, OnnxExport.Options.DEFAULT))
                .hasMessageContaining("layer (").hasMessageContaining("ActivationLayer");
    }

    @Test
    void transposedConvolutionsMatchInEveryMode() throws Exception {
        assertSameOutputs(single(TransposedConvolution2D.builder().nOut(2).kernelSize(3).stride(2).build()),
                OnnxExport.Options.DEFAULT);
        assertSameOutputs(single(TransposedConvolution2D.builder().nOut(3).kernelSize(3).stride(2).padding(1)
                .outputPadding(1).build()), OnnxExport.Options.DEFAULT);
        assertSameOutputs(single(TransposedConvolution2D.builder().nOut(2).kernelSize(2).stride(3).hasBias(false)
                .padding(Padding.VALID).outputSize(28).build()), OnnxExport.Options.DEFAULT); // 26 + 2 zero rows
        assertSameOutputs(single(TransposedConvolution2D.builder().nOut(2).kernelSize(3).stride(2).dilation(2)
                .padding(Padding.SAME).build()), OnnxExport.Options.DEFAULT);
    }

    @Test
    void unsupportedLayersAreNamedAndNothingIsWritten(@TempDir Path tmp) {
        ModelFile padded = single(new ZeroPaddingLayer.Builder(1, 1).build());
        Path out = tmp.resolve("m.onnx");
        assertThatThrownBy(() -> OnnxExport.write(padded, OnnxExport.Options.DEFAULT, out))
                .hasMessageContaining("no ONNX mapping").hasMessageContaining("layer (")
                .hasMessageContaining("ZeroPaddingLayer").hasMessageContaining("OnnxConverters.register");
        assertThat(out).doesNotExist();
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void aConverterUsersRegisterExportsTheirLayer() throws Exception {
        // DL4J's x / (k + alpha * sum of n squares)^beta is ONNX's LRN with its alpha divided by the size
        OnnxConverters.register(LocalResponseNormalization.class, (lrn, n) -> n.graph().node("LRN",
                n.graph().fresh(n.name()), List.of(n.input()), OnnxGraph.integer("size", (long) lrn.getN()),
                OnnxGraph.real("alpha", lrn.getAlpha() * lrn.getN()), OnnxGraph.real("beta", lrn.getBeta()),
                OnnxGraph.real("bias", lrn.getK())));
        assertSameOutputs(single(new LocalResponseNormalization.Builder().k(2).n(3).alpha(0.5).beta(0.75).build()),
                OnnxExport.Options.DEFAULT);
    }

    @Test
    void theCardGoesIntoTheMetadata(@TempDir Path tmp) throws Exception {
        ModelFile model = randomModel("resnet20", CNN2DFormat.NCHW);
        Path out = tmp.resolve("r20.onnx");
        OnnxExport.write(model, OnnxExport.Options.DEFAULT, out);
        Onnx.ModelProto proto = Onnx.ModelProto.parseFrom(Files.readAllBytes(out));
        Map<String, String> meta = new java.util.HashMap<>();
        proto.getMetadataPropsList().forEach(e -> meta.put(e.getKey(), e.getValue()));
        assertThat(meta.get("labels").split("\n")).containsExactlyElementsOf(Labels.cifar10());
        assertThat(meta.get("input_size")).isEqualTo("32x32");
        assertThat(meta.get("mean")).isEqualTo("[0.4914, 0.4822, 0.4465]");
        assertThat(ModelCard.fromJson(meta.get("zoo4j.card"))).isEqualTo(model.card());
        assertThat(proto.getOpsetImport(0).getVersion()).isEqualTo(13);
        assertThat(proto.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam())
                .isEqualTo("batch");
        List<String> ops = proto.getGraph().getNodeList().stream().map(Onnx.NodeProto::getOpType).distinct().toList();
        assertThat(ops).contains("Conv", "BatchNormalization", "Relu", "Add", "Slice", "Pad", "GlobalAveragePool",
                "Gemm", "Softmax");
    }
}
