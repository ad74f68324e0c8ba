package org.zoo4j.train;

import org.nd4j.linalg.learning.config.Adam;
import org.zoo4j.zoo.ConvStyle;
import org.zoo4j.zoo.ModelBuilder;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.zoo.densenet.DenseNet;
import org.zoo4j.zoo.resnet.ResBlock;
import org.zoo4j.zoo.resnet.ResNet;
import org.zoo4j.zoo.vgg.Vgg;

import java.util.List;

import static org.zoo4j.zoo.vgg.Vgg.M;

/** Reduced members of each family (the zoo's own builders) for 8x8 inputs, that train in a second. */
public final class TinyNets {

    private TinyNets() {
    }

    public static ModelBuilder<? extends Zoo4jModel> of(String family, int classes) {
        ModelBuilder<? extends Zoo4jModel> b = switch (family) {
            case "resnet" -> ResNet.of("tiny_resnet", new ResNet.Architecture(ResNet.Stem.CIFAR, List.of(4, 8),
                    List.of(1, 1), ResBlock.Shortcut.OPTION_A, ConvStyle.PYTORCH), false);
            case "vgg" -> Vgg.of("tiny_vgg", new Vgg.Architecture(List.of(4, M, 8, M), true, Vgg.Head.LINEAR,
                    ConvStyle.PYTORCH), false);
            case "densenet" -> DenseNet.of("tiny_densenet", new DenseNet.Architecture(false, 8, 4, List.of(2, 2),
                    true, 0.5));
            default -> throw new IllegalArgumentException(family);
        };
        return b.numClasses(classes).inputShape(3, 8, 8).updater(new Adam(1e-2)).seed(1);
    }
}
