package org.zoo4j.zoo.densenet;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.zoo4j.zoo.TorchReference;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DenseNet vertex names in PyTorch: torchvision's ({@code features.denseblock1.denselayer1.conv1}) for the ImageNet
 * stem, {@code tools/reference/cifar_models.py}'s flat {@code blocks} Sequential for the CIFAR ones.
 */
final class DenseNetTorchNames {

    private DenseNetTorchNames() {
    }

    static Map<String, String> torchvision(ComputationGraphConfiguration conf) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String v : TorchReference.parametrized(conf)) {
            String[] p = v.split("\\.");
            String torch;
            if (p[0].equals("stem")) {
                torch = "features." + (p[1].equals("conv") ? "conv0" : "norm0");
            } else if (p[0].equals("head")) {
                torch = p[1].equals("bn") ? "features.norm5" : "classifier";
            } else if (p[0].startsWith("dense")) {
                torch = "features.denseblock" + p[0].substring(5) + ".denselayer" + p[1].substring(5) + "."
                        + p[2].replace("bn", "norm");
            } else {
                torch = "features." + p[0] + "." + (p[1].equals("bn") ? "norm" : "conv");
            }
            names.put(v, torch);
        }
        return names;
    }

    /** The CIFAR reference keeps dense layers and transitions in one flat {@code blocks} Sequential. */
    static Map<String, String> cifar(ComputationGraphConfiguration conf, boolean bottleneck) {
        Map<String, String> names = new LinkedHashMap<>();
        int module = -1;
        String current = "";
        for (String v : TorchReference.parametrized(conf)) {
            String[] p = v.split("\\.");
            if (p[0].equals("stem")) {
                names.put(v, "conv1");
                continue;
            }
            if (p[0].equals("head")) {
                names.put(v, p[1].equals("bn") ? "bn" : "fc");
                continue;
            }
            String owner = p[0].startsWith("dense") ? p[0] + "." + p[1] : p[0];
            if (!owner.equals(current)) {
                module++;
                current = owner;
            }
            String leaf = p[p.length - 1];
            if (p[0].startsWith("dense") && !bottleneck) {
                leaf = leaf + "2"; // the reference names the plain layer's BN and conv bn2/conv2
            }
            names.put(v, "blocks." + module + "." + leaf);
        }
        return names;
    }
}
