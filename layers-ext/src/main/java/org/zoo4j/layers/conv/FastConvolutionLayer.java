package org.zoo4j.layers.conv;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The instantiated {@link FastConvolution}. */
final class FastConvolutionLayer extends ConvolutionLayer {

    /** The gradient being back-propagated: what stands in for the output the identity derivative ignores. */
    private INDArray backpropEpsilon;

    FastConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        if (helper instanceof MKLDNNConvHelper && dilated()) {
            // libnd4j's oneDNN conv2d refuses dilation ("could not create a descriptor for a dilated convolution"):
            // DL4J would log that as an error with a stack trace on every call, then run its own path. Go there directly.
            helper = null;
        }
        setCacheMode(cacheMode);
    }

    private boolean dilated() {
        int[] dilation = layerConf().getDilation();
        return dilation[0] != 1 || dilation[1] != 1;
    }

    /** True where DL4J's backprop would read the output only to pass it to an identity derivative. */
    boolean outputUnneededForBackprop() {
        return helper != null && helperCountFail == 0 && layerConf().getActivationFn() instanceof ActivationIdentity;
    }

    @Override
    public void setCacheMode(CacheMode mode) {
        super.setCacheMode(outputUnneededForBackprop() ? CacheMode.NONE : mode);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        backpropEpsilon = epsilon;
        try {
            return super.backpropGradient(epsilon, workspaceMgr);
        } finally {
            backpropEpsilon = null;
        }
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
