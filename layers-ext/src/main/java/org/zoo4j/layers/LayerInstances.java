package org.zoo4j.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every DL4J layer configuration's {@code instantiate} does to the layer object it creates. */
public final class LayerInstances {

    private LayerInstances() {
    }

    /** Listeners, index, parameter views (initialised when asked) and configuration, as DL4J's own layers get them. */
    public static <L extends Layer> L wire(L layer, org.deeplearning4j.nn.conf.layers.Layer config,
                                           NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                           int index, INDArray paramsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(config.initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
