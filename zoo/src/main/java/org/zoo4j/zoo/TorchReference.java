package org.zoo4j.zoo;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.zoo4j.core.Normalization;
import org.zoo4j.core.file.Labels;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PyTorch implementation a zoo architecture follows: the module name of each of its vertices with parameters (in
 * graph order), and the data that implementation's published weights are trained on: the preprocessing they expect
 * and the classes they predict. Each family builds its own next to its definition.
 *
 * @param moduleNames vertex name to {@code state_dict} prefix ({@code stage1.block1.conv1} to {@code layer1.0.conv1})
 * @param labels      the classes of its published weights, in output order
 */
public record TorchReference(Map<String, String> moduleNames, Normalization preprocessing, List<String> labels) {

    public TorchReference {
        moduleNames = Collections.unmodifiableMap(new LinkedHashMap<>(moduleNames)); // keeps graph order
        labels = List.copyOf(labels);
    }

    /** An implementation whose published weights are ImageNet-1k's (torchvision's). */
    public static TorchReference imagenet(Map<String, String> moduleNames) {
        return new TorchReference(moduleNames, Normalization.IMAGENET, Labels.imagenet());
    }

    /** An implementation whose published weights are CIFAR-10's. */
    public static TorchReference cifar10(Map<String, String> moduleNames) {
        return new TorchReference(moduleNames, Normalization.CIFAR10, Labels.cifar10());
    }

    /** The vertices with parameters, in configuration order. */
    public static List<String> parametrized(ComputationGraphConfiguration conf) {
        return conf.getVertices().entrySet().stream().filter(e -> hasParams(e.getValue())).map(Map.Entry::getKey)
                .toList();
    }

    public static boolean hasParams(GraphVertex vertex) {
        return vertex instanceof LayerVertex && vertex.numParams(true) > 0;
    }
}
