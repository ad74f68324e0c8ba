package org.zoo4j.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;

/**
 * A model's size two ways, read off its configuration (no weights are allocated).
 *
 * @param params    DL4J's {@code numParams()}: every parameter including BatchNorm running mean and variance
 *                  (Keras' "Total params")
 * @param trainable without BatchNorm running statistics (PyTorch's {@code sum(p.numel() for p in parameters())})
 */
public record ParamCount(long params, long trainable) {

    public static ParamCount of(ComputationGraphConfiguration conf) {
        long params = 0;
        long runningStats = 0;
        for (GraphVertex vertex : conf.getVertices().values()) {
            params += vertex.numParams(true);
            if (vertex instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BatchNormalization bn) {
                runningStats += 2 * bn.getNOut();
            }
        }
        return new ParamCount(params, params - runningStats);
    }
}
