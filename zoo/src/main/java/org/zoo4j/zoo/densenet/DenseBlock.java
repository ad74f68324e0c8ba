package org.zoo4j.zoo.densenet;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.zoo4j.zoo.ConvStyle;

/**
 * DenseNet's building blocks (Huang et al. 2017), pre-activation style: each dense layer is
 * {@code concat(x, conv3x3(relu(bn(...))))}, with a {@code 4 * growth} 1x1 bottleneck in front when
 * {@code bottleneck} is set (DenseNet-B).
 */
public record DenseBlock(ConvStyle style, int growth, boolean bottleneck) {

    /**
     * Appends {@code layers} dense layers named {@code name.layer1} ... reading {@code input}; each adds
     * {@code growth} channels.
     *
     * @return the block's output vertex, the last layer's {@code concat}
     */
    public String add(GraphBuilder g, String name, String input, int layers) {
        String x = input;
        for (int l = 1; l <= layers; l++) {
            x = addLayer(g, name + ".layer" + l, x);
        }
        return x;
    }

    /**
     * A transition: BN, ReLU, 1x1 conv to {@code outChannels}, 2x2 average pool ({@code name.bn}, {@code name.relu},
     * {@code name.conv}, {@code name.pool}).
     */
    public String transition(GraphBuilder g, String name, String input, int outChannels) {
        g.addLayer(name + ".bn", style.batchNorm(), input)
                .addLayer(name + ".relu", ConvStyle.relu(), name + ".bn")
                .addLayer(name + ".conv", style.conv(outChannels, 1, 1, 0), name + ".relu")
                .addLayer(name + ".pool", ConvStyle.pool(PoolingType.AVG, 2, 2, 0), name + ".conv");
        return name + ".pool";
    }

    private String addLayer(GraphBuilder g, String name, String input) {
        String x = input;
        String suffix = "";
        if (bottleneck) {
            x = bnReluConv(g, name, "1", x, 4 * growth, 1);
            suffix = "2";
        }
        x = bnReluConv(g, name, suffix, x, growth, 3);
        g.addVertex(name + ".concat", new MergeVertex(), input, x);
        return name + ".concat";
    }

    private String bnReluConv(GraphBuilder g, String name, String suffix, String input, int nOut, int kernel) {
        g.addLayer(name + ".bn" + suffix, style.batchNorm(), input)
                .addLayer(name + ".relu" + suffix, ConvStyle.relu(), name + ".bn" + suffix)
                .addLayer(name + ".conv" + suffix, style.padded(nOut, kernel, 1), name + ".relu" + suffix);
        return name + ".conv" + suffix;
    }
}
