package org.zoo4j.zoo.resnet;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.zoo4j.layers.graph.OptionAShortcut;
import org.zoo4j.layers.graph.ResidualAdd;
import org.zoo4j.zoo.ConvStyle;

/**
 * The basic residual block (He et al. 2016): {@code relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))}, two 3x3
 * convolutions, the first one strided.
 *
 * @param shortcut what the shortcut does when the block changes the shape (stride or width); otherwise identity
 */
public record ResBlock(ConvStyle style, Shortcut shortcut, CNN2DFormat format) {

    public enum Shortcut {
        /** 1x1 convolution + BatchNorm (He et al. option B; torchvision and kuangliu/pytorch-cifar). */
        PROJECTION,
        /** Parameter-free subsampling + zero channel padding (He et al. option A, their CIFAR networks). */
        OPTION_A,
        /** 1x1 convolution without BatchNorm (the seed notebook's Keras ResBlock). */
        CONV
    }

    /**
     * Appends a block named {@code name} ({@code name.conv1}, {@code name.bn1}, ..., {@code name.add},
     * {@code name.relu}) reading {@code input}.
     *
     * @return the block's output vertex, {@code name.relu}
     */
    public String add(GraphBuilder g, String name, String input, int inChannels, int outChannels, int stride) {
        g.addLayer(name + ".conv1", style.padded(outChannels, 3, stride), input)
                .addLayer(name + ".bn1", style.batchNorm(), name + ".conv1")
                .addLayer(name + ".relu1", ConvStyle.relu(), name + ".bn1")
                .addLayer(name + ".conv2", style.padded(outChannels, 3, 1), name + ".relu1")
                .addLayer(name + ".bn2", style.batchNorm(), name + ".conv2");
        boolean reshapes = stride != 1 || inChannels != outChannels;
        String identity = reshapes ? addShortcut(g, name + ".shortcut", input, outChannels, stride) : input;
        g.addVertex(name + ".add", new ResidualAdd(), name + ".bn2", identity)
                .addLayer(name + ".relu", ConvStyle.relu(), name + ".add");
        return name + ".relu";
    }

    private String addShortcut(GraphBuilder g, String name, String input, int outChannels, int stride) {
        switch (shortcut) {
            case OPTION_A -> {
                g.addVertex(name, new OptionAShortcut(stride, outChannels, format), input);
                return name;
            }
            case CONV -> {
                g.addLayer(name + ".conv", style.conv(outChannels, 1, stride, 0), input);
                return name + ".conv";
            }
            default -> {
                g.addLayer(name + ".conv", style.conv(outChannels, 1, stride, 0), input)
                        .addLayer(name + ".bn", style.batchNorm(), name + ".conv");
                return name + ".bn";
            }
        }
    }
}
