package org.zoo4j.zoo.resnet;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.zoo4j.zoo.TorchReference;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ResNet vertex names in PyTorch: torchvision's for the ImageNet stem ({@code conv1}, {@code layer1.0.conv1},
 * {@code layer2.0.downsample.0}, {@code fc}), those of {@code tools/reference/cifar_models.py} (kuangliu and
 * akamaster layouts: {@code shortcut.0}, {@code linear}) for the CIFAR stems.
 */
final class ResNetTorchNames {

    private ResNetTorchNames() {
    }

    static Map<String, String> of(ComputationGraphConfiguration conf, boolean torchvision) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String v : TorchReference.parametrized(conf)) {
            String[] p = v.split("\\.");
            String torch = switch (p[0]) {
                case "stem" -> p[1].equals("conv") ? "conv1" : "bn1";
                case "head" -> torchvision ? "fc" : "linear";
                default -> {
                    String block = "layer" + p[0].substring("stage".length()) + "."
                            + (Integer.parseInt(p[1].substring("block".length())) - 1);
                    if (p[2].equals("shortcut")) {
                        yield block + "." + (torchvision ? "downsample" : "shortcut") + "." + (p[3].equals("conv") ? 0 : 1);
                    }
                    yield block + "." + p[2];
                }
            };
            names.put(v, torch);
        }
        return names;
    }
}
