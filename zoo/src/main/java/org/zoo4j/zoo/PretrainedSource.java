package org.zoo4j.zoo;

import org.zoo4j.core.file.ModelFile;

import java.io.IOException;
import java.util.List;

/**
 * Where shipped weights come from, found through {@link java.util.ServiceLoader} by
 * {@link Zoo4jModel#initPretrained(org.deeplearning4j.zoo.PretrainedType)}: the artifact that holds them registers
 * one, so that this module needs no dependency on it ({@code org.zoo4j:zoo4j-weights} registers zoo4j's own).
 */
public interface PretrainedSource {

    /** The artifact to add to a project for these weights, for the message when it is missing. */
    String ARTIFACT = "org.zoo4j:zoo4j-weights";

    /** The tags this source ships, timm-style: {@code ARCHITECTURE.DATA} ("resnet20.cifar10"). */
    List<String> tags();

    /** The network and card of one of {@link #tags()}. */
    ModelFile load(String tag) throws IOException;
}
