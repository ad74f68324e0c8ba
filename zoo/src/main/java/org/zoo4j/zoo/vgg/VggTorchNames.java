package org.zoo4j.zoo.vgg;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.zoo4j.zoo.Zoo4jModel;
import org.zoo4j.zoo.TorchReference;

import java.util.LinkedHashMap;
import java.util.Map;

/** VGG vertex names in PyTorch: torchvision's {@code features.N} and {@code classifier.N}. */
final class VggTorchNames {

    private VggTorchNames() {
    }

    /** torchvision's {@code features} Sequential holds one module per vertex of ours: conv, [bn], relu, ..., pool. */
    static Map<String, String> of(ComputationGraphConfiguration conf, Vgg.Head head) {
        Map<String, String> names = new LinkedHashMap<>();
        int index = 0;
        for (String v : conf.getVertices().keySet()) {
            if (v.startsWith("stage")) {
                if (TorchReference.hasParams(conf.getVertices().get(v))) {
                    names.put(v, "features." + index);
                }
                index++;
            }
        }
        if (head == Vgg.Head.IMAGENET) {
            names.put("head.fc1", "classifier.0");
            names.put("head.fc2", "classifier.3");
            names.put(Zoo4jModel.CLASSIFIER, "classifier.6");
        } else {
            names.put(Zoo4jModel.CLASSIFIER, "classifier");
        }
        return names;
    }
}
