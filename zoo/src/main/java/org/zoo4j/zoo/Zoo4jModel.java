package org.zoo4j.zoo;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.zoo.ModelMetaData;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.ZooModel;
import org.deeplearning4j.zoo.ZooType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.zoo4j.core.Normalization;
import org.zoo4j.core.file.ModelCard;
import org.zoo4j.layers.conv.ComputePrecision;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Base of every zoo4j model: a DL4J {@link ZooModel} whose {@link #init()} gives a ready-to-train
 * {@link ComputationGraph}. Subclasses add their feature extractor; this class adds the input, the global
 * configuration from {@link ModelOptions} and the softmax classifier {@value #CLASSIFIER}.
 *
 * <p>DL4J's oneDNN/cuDNN layer helpers (much faster) are the application's choice: call
 * {@code org.zoo4j.layers.runtime.Zoo4jRuntime.configure()} once before {@link #init()}. Pretrained weights are never
 * downloaded ({@link #pretrainedUrl} is null): {@link #initPretrained(PretrainedType)} loads the shipped ones that a
 * {@link PretrainedSource} on the class path holds (zoo4j-weights) by the tag {@code NAME.TYPE}, e.g.
 * {@code resnet20.cifar10}.
 */
public abstract class Zoo4jModel extends ZooModel<Zoo4jModel> {

    /** Name of the graph's input. */
    public static final String INPUT = "input";
    /** Name of the classifier layer, the one to replace for transfer learning. */
    public static final String CLASSIFIER = "head.fc";

    private final String name;
    private ModelOptions options;

    protected Zoo4jModel(String name, ModelOptions options) {
        this.name = name;
        this.options = options;
    }

    /**
     * Appends the network between the input and the classifier.
     *
     * @param stageOutputs receives, in order, the output vertex of each stage (for feature extraction and fine-tuning)
     * @return the vertex the classifier reads
     */
    protected abstract String addFeatures(GraphBuilder graph, String input, List<String> stageOutputs);

    /**
     * A builder with the defaults of a variant: CIFAR (10 classes, 3x32x32) or ImageNet (1000 classes, 3x224x224);
     * Keras-style models start from the seed notebook's Adam(1e-4) and Glorot-uniform init, PyTorch-style ones from
     * Adam(1e-3) and He-normal init (torchvision initialises convolutions with He/Kaiming too).
     */
    protected static <M extends Zoo4jModel> ModelBuilder<M> variant(Function<ModelOptions, M> factory, ConvStyle style,
                                                                    boolean imagenet) {
        boolean keras = style.tfSame();
        return new ModelBuilder<>(factory, imagenet ? 1000 : 10, imagenet ? new int[]{3, 224, 224} : new int[]{3, 32, 32},
                new Adam(keras ? 1e-4 : 1e-3), (keras ? WeightInit.XAVIER_UNIFORM : WeightInit.RELU).getWeightInitFunction());
    }

    public ModelOptions options() {
        return options;
    }

    /** The graph configuration, not yet built; add to it or change it before {@code build()}. */
    public GraphBuilder graphBuilder() {
        return assemble(new ArrayList<>());
    }

    public ComputationGraphConfiguration conf() {
        return graphBuilder().build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public ComputationGraph init() {
        ComputationGraph graph = new ComputationGraph(conf());
        graph.init();
        if (options.precision() != ComputePrecision.FLOAT32) {
            options.precision().applyTo(graph);
        }
        return graph;
    }

    /** The output vertex of each stage, shallowest first. */
    public List<String> stageOutputs() {
        List<String> stages = new ArrayList<>();
        assemble(stages);
        return List.copyOf(stages);
    }

    /** The card of this model's network (its name, input and layout) with the given data conventions. */
    public ModelCard card(Normalization preprocessing, List<String> labels, String weights) {
        return new ModelCard(name, options.inputShape(), options.dataFormat(), preprocessing, labels, weights);
    }

    public String classifierName() {
        return CLASSIFIER;
    }

    /**
     * The PyTorch implementation this architecture follows, for importing its weights; empty when there is none (the
     * Keras-exact models of the seed notebook).
     */
    public Optional<TorchReference> torchReference() {
        return Optional.empty();
    }

    private GraphBuilder assemble(List<String> stageOutputs) {
        NeuralNetConfiguration.Builder global = new NeuralNetConfiguration.Builder()
                .seed(options.seed())
                .dataType(DataType.FLOAT)
                .updater(options.updater())
                .weightInit(options.weightInit())
                .activation(Activation.IDENTITY)
                .trainingWorkspaceMode(options.workspaceMode())
                .inferenceWorkspaceMode(options.workspaceMode())
                .cacheMode(options.cacheMode());
        if (options.weightDecay() > 0) {
            // Coupled L2 on weights, biases and BatchNorm's scale/shift, added to the gradient before the update rule:
            // PyTorch's SGD(weight_decay=...). DL4J's weightDecay() acts after the update, skips biases and BatchNorm,
            // and so decays about 1/(1 - momentum) times less than the same number in a PyTorch recipe.
            // Biases and BatchNorm's scale/shift take the bias regularisation (FastBatchNormalization), so that one
            // switch leaves both out.
            global.l2(options.weightDecay()).l2Bias(options.decayNormAndBias() ? options.weightDecay() : 0);
        }
        GraphBuilder graph = global.graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(options.height(), options.width(), options.channels(),
                        options.dataFormat()));
        String features = addFeatures(graph, INPUT, stageOutputs);
        graph.addLayer(CLASSIFIER, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nOut(options.numClasses()).activation(Activation.SOFTMAX).build(), features)
                .setOutputs(CLASSIFIER);
        return graph;
    }

    @Override
    public String modelName() {
        return name;
    }

    @Override
    public void setInputShape(int[][] inputShape) {
        options = options.withInputShape(inputShape[0]);
    }

    @Override
    public Class<? extends Model> modelType() {
        return ComputationGraph.class;
    }

    @Override
    public String pretrainedUrl(PretrainedType pretrainedType) {
        return null;
    }

    /** The tag of this model's shipped weights of {@code type}: {@code resnet20.cifar10}. */
    public String pretrainedTag(PretrainedType type) {
        return name + "." + type.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean pretrainedAvailable(PretrainedType type) {
        return sources().stream().anyMatch(s -> s.tags().contains(pretrainedTag(type)));
    }

    /**
     * DL4J's way to a trained network: the shipped weights of {@code type} for this architecture, as they were
     * trained (their classes, input size and layout; this builder's options do not apply). Nothing is downloaded.
     *
     * @throws java.io.IOException     when no {@link PretrainedSource} is on the class path, naming the artifact to add
     * @throws IllegalArgumentException when none ships this model with {@code type}, naming the tags that exist
     */
    @Override
    @SuppressWarnings("unchecked")
    public <M extends Model> M initPretrained(PretrainedType type) throws java.io.IOException {
        List<PretrainedSource> sources = sources();
        if (sources.isEmpty()) {
            throw new java.io.IOException("no shipped weights on the class path: zoo4j's are in the artifact "
                    + PretrainedSource.ARTIFACT + "; add it to the project for " + pretrainedTag(type));
        }
        String tag = pretrainedTag(type);
        for (PretrainedSource source : sources) {
            if (source.tags().contains(tag)) {
                return (M) source.load(tag).net();
            }
        }
        List<String> shipped = sources.stream().flatMap(s -> s.tags().stream()).sorted().toList();
        List<String> own = shipped.stream().filter(t -> t.startsWith(name + ".")).toList();
        throw new IllegalArgumentException("no shipped weights " + tag + (own.isEmpty() ? "; " + name + " ships none"
                : "; " + name + " ships " + own) + " (every shipped tag: " + shipped + ")");
    }

    private static List<PretrainedSource> sources() {
        return java.util.ServiceLoader.load(PretrainedSource.class).stream().map(java.util.ServiceLoader.Provider::get)
                .toList();
    }

    @Override
    public long pretrainedChecksum(PretrainedType pretrainedType) {
        return 0L;
    }

    @Override
    @Deprecated
    public ModelMetaData metaData() {
        return new ModelMetaData(new int[][]{options.inputShape()}, 1, ZooType.CNN);
    }
}
