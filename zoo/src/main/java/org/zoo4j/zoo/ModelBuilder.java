package org.zoo4j.zoo;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.learning.config.IUpdater;
import org.zoo4j.layers.conv.ComputePrecision;

import java.util.Objects;
import java.util.function.Function;

/**
 * Fluent builder shared by every zoo model: start from a variant ({@code ResNet.resnet20()}), change what you need,
 * then {@link #build()} the {@link org.deeplearning4j.zoo.ZooModel} and {@code init()} it.
 */
public final class ModelBuilder<M extends Zoo4jModel> {

    private final Function<ModelOptions, M> factory;
    private int numClasses;
    private int[] inputShape;
    private long seed = 12345;
    private IUpdater updater;
    private IWeightInit weightInit;
    private double weightDecay;
    private boolean decayNormAndBias = true;
    private WorkspaceMode workspaceMode = WorkspaceMode.ENABLED;
    private CacheMode cacheMode = CacheMode.DEVICE;
    private CNN2DFormat dataFormat = CNN2DFormat.NCHW;
    private ComputePrecision precision = ComputePrecision.FLOAT32;

    /** A builder with a variant's defaults; {@code factory} turns the final options into the model. */
    public ModelBuilder(Function<ModelOptions, M> factory, int numClasses, int[] inputShape, IUpdater updater,
                        IWeightInit weightInit) {
        this.factory = Objects.requireNonNull(factory);
        this.numClasses = numClasses;
        this.inputShape = inputShape.clone();
        this.updater = Objects.requireNonNull(updater);
        this.weightInit = Objects.requireNonNull(weightInit);
    }

    public ModelBuilder<M> numClasses(int numClasses) {
        this.numClasses = numClasses;
        return this;
    }

    /** Input as {channels, height, width}. */
    public ModelBuilder<M> inputShape(int channels, int height, int width) {
        this.inputShape = new int[]{channels, height, width};
        return this;
    }

    public ModelBuilder<M> seed(long seed) {
        this.seed = seed;
        return this;
    }

    public ModelBuilder<M> updater(IUpdater updater) {
        this.updater = Objects.requireNonNull(updater, "updater");
        return this;
    }

    public ModelBuilder<M> weightInit(IWeightInit weightInit) {
        this.weightInit = Objects.requireNonNull(weightInit, "weightInit");
        return this;
    }

    public ModelBuilder<M> weightInit(WeightInit weightInit) {
        return weightInit(weightInit.getWeightInitFunction());
    }

    /** Coupled L2, as PyTorch's SGD {@code weight_decay}, on every trainable parameter (see {@link #decayNormAndBias}). */
    public ModelBuilder<M> weightDecay(double weightDecay) {
        this.weightDecay = weightDecay;
        return this;
    }

    /**
     * Whether {@link #weightDecay} reaches biases and BatchNorm's scale and shift too (default, as PyTorch's
     * optimisers) or only the weights of convolutions and dense layers (false: timm's {@code filter_bias_and_bn}).
     */
    public ModelBuilder<M> decayNormAndBias(boolean decay) {
        this.decayNormAndBias = decay;
        return this;
    }

    public ModelBuilder<M> workspaceMode(WorkspaceMode workspaceMode) {
        this.workspaceMode = Objects.requireNonNull(workspaceMode, "workspaceMode");
        return this;
    }

    public ModelBuilder<M> cacheMode(CacheMode cacheMode) {
        this.cacheMode = Objects.requireNonNull(cacheMode, "cacheMode");
        return this;
    }

    public ModelBuilder<M> dataFormat(CNN2DFormat dataFormat) {
        this.dataFormat = Objects.requireNonNull(dataFormat, "dataFormat");
        return this;
    }

    /**
     * What the network's convolutions compute in (default float32). {@link ComputePrecision#BFLOAT16} needs NHWC and
     * a CPU with AVX512-BF16 or AMX: {@link Zoo4jModel#init()} throws {@link IllegalStateException} elsewhere.
     */
    public ModelBuilder<M> precision(ComputePrecision precision) {
        this.precision = Objects.requireNonNull(precision, "precision");
        return this;
    }

    public M build() {
        return factory.apply(new ModelOptions(numClasses, inputShape, seed, updater, weightInit, weightDecay,
                decayNormAndBias, workspaceMode, cacheMode, dataFormat, precision));
    }
}
