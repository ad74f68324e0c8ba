package org.zoo4j.zoo;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.zoo4j.zoo.densenet.DenseNet;
import org.zoo4j.zoo.resnet.ResBlock;
import org.zoo4j.zoo.resnet.ResNet;
import org.zoo4j.zoo.vgg.Vgg;

import java.util.List;

import static org.zoo4j.zoo.vgg.Vgg.M;

/**
 * Reduced-width members of each family (same builders, same blocks) that train in seconds; the onnx module tests with
 * them too.
 */
public final class TinyModels {

    private TinyModels() {
    }

    public static ModelBuilder<? extends Zoo4jModel> of(String family, int classes, int size, CNN2DFormat format) {
        ModelBuilder<? extends Zoo4jModel> builder = switch (family) {
            case "vgg" -> Vgg.of("tiny_vgg", new Vgg.Architecture(List.of(8, M, 16, M, 16, M), true, Vgg.Head.LINEAR,
                    ConvStyle.PYTORCH), false);
            case "vgg_seed" -> Vgg.of("tiny_vgg_seed", new Vgg.Architecture(List.of(8, M, 8, M, 8, M), false,
                    Vgg.Head.SEED, ConvStyle.KERAS), false);
            case "resnet" -> ResNet.of("tiny_resnet", new ResNet.Architecture(ResNet.Stem.CIFAR, List.of(8, 16),
                    List.of(1, 1), ResBlock.Shortcut.OPTION_A, ConvStyle.PYTORCH), false);
            case "resnet_projection" -> ResNet.of("tiny_resnet_projection", new ResNet.Architecture(ResNet.Stem.CIFAR,
                    List.of(8, 16), List.of(1, 1), ResBlock.Shortcut.PROJECTION, ConvStyle.PYTORCH), false);
            case "densenet" -> DenseNet.of("tiny_densenet", new DenseNet.Architecture(false, 8, 4, List.of(2, 2),
                    true, 0.5));
            default -> throw new IllegalArgumentException(family);
        };
        return builder.numClasses(classes).inputShape(3, size, size).dataFormat(format);
    }
}
