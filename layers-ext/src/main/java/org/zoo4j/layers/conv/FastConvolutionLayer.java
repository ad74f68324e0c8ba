package org.zoo4j.layers.conv;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.layers.OneDnn;

/** The instantiated {@link FastConvolution}. */
final class FastConvolutionLayer extends ConvolutionLayer {

    /** zoo4j's own oneDNN convolution, where DL4J would have used its oneDNN helper; null: DL4J's paths. */
    private final OneDnnConvolution oneDnn;
    /** The gradient being back-propagated: what stands in for the output the identity derivative ignores. */
    private INDArray backpropEpsilon;

    FastConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        if (helper instanceof MKLDNNConvHelper && dataType == DataType.FLOAT && OneDnn.available()
                && (layerConf().getCnn2dDataFormat() == CNN2DFormat.NHWC || dilated())) {
            // NHWC: oneDNN's direct kernels read and write it as it is. NCHW has none (oneDNN falls back to im2col +
            // GEMM, 1.7x slower than DL4J's helper for resnet20), except for dilation, which libnd4j's oneDNN conv2d
            // refuses ("could not create a descriptor for a dilated convolution"; DL4J would log that with a stack
            // trace on every call, then run its own im2col path).
            oneDnn = new OneDnnConvolution(layerConf());
            if (dilated()) {
                helper = null;
            }
        } else {
            oneDnn = null;
        }
        setCacheMode(cacheMode);
    }

    /**
     * Whether the layer runs on zoo4j's oneDNN convolution now: always in bfloat16 and for dilation; in float where
     * it is faster than DL4J's helper (small channel counts, where libnd4j's copies around every call dominate).
     */
    boolean onOneDnn() {
        return oneDnn != null && (helper == null || oneDnn.precision() != ComputePrecision.FLOAT32
                || !OneDnnConvolution.blocked(layerConf()));
    }

    private boolean dilated() {
        int[] dilation = layerConf().getDilation();
        return dilation[0] != 1 || dilation[1] != 1;
    }

    ComputePrecision precision() {
        return oneDnn == null ? ComputePrecision.FLOAT32 : oneDnn.precision();
    }

    void precision(ComputePrecision precision) {
        if (oneDnn != null) {
            oneDnn.precision(precision);
        } else if (precision != ComputePrecision.FLOAT32) {
            throw new IllegalStateException("convolution '" + layerConf().getLayerName() + "' cannot compute in "
                    + precision.name().toLowerCase() + ": " + (layerConf().getCnn2dDataFormat() == CNN2DFormat.NCHW
                    ? "zoo4j's oneDNN convolution runs NHWC models, and this one is NCHW"
                    : "DL4J's layer helpers were off when it was created"));
        }
    }

    /** True where backprop does not need the output: it would only pass it to an identity derivative. */
    boolean outputUnneededForBackprop() {
        return (onOneDnn() || helper != null && helperCountFail == 0)
                && layerConf().getActivationFn() instanceof ActivationIdentity;
    }

    @Override
    public void setCacheMode(CacheMode mode) {
        super.setCacheMode(outputUnneededForBackprop() ? CacheMode.NONE : mode);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop,
                                                 LayerWorkspaceMgr workspaceMgr) {
        if (!onOneDnn()) {
            return super.preOutput(training, forBackprop, workspaceMgr);
        }
        assertInputSet(false);
        validateInputRank();
        if (forBackprop && preOutput != null) {
            return new Pair<>(preOutput, null);
        }
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        validateInputDepth(weights.size(1));
        INDArray bias = hasBias()
                ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, workspaceMgr) : null;
        return new Pair<>(oneDnn.forward(input.castTo(dataType), weights, bias, training, workspaceMgr), null);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!onOneDnn()) {
            backpropEpsilon = epsilon;
            try {
                return super.backpropGradient(epsilon, workspaceMgr);
            } finally {
                backpropEpsilon = null;
            }
        }
        assertInputSet(true);
        INDArray weights = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray delta = epsilon.castTo(dataType);
        IActivation activation = layerConf().getActivationFn();
        if (!(activation instanceof ActivationIdentity)) {
            delta = activation.backprop(preOutput(true, true, workspaceMgr).getFirst(), delta).getFirst();
        }
        INDArray biasGradient = hasBias() ? gradientViews.get(ConvolutionParamInitializer.BIAS_KEY) : null;
        INDArray weightGradient = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray inputGradient = oneDnn.backward(input.castTo(dataType), weights, delta, weightGradient,
                biasGradient, workspaceMgr);
        Gradient gradient = new DefaultGradient();
        if (biasGradient != null) {
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradient);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradient, 'c');
        weightNoiseParams.clear();
        return new Pair<>(gradient, backpropDropOutIfPresent(inputGradient));
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput4d(boolean training, boolean forBackprop,
                                                   LayerWorkspaceMgr workspaceMgr) {
        if (forBackprop && backpropEpsilon != null && outputUnneededForBackprop()) {
            // the identity derivative only checks that the output's shape is the gradient's
            return new Pair<>(backpropEpsilon, null);
        }
        return super.preOutput4d(training, forBackprop, workspaceMgr);
    }
}
