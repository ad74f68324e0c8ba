package org.zoo4j.weights;

import org.zoo4j.zoo.PretrainedSource;
import org.zoo4j.core.file.ModelFile;

import java.io.IOException;
import java.util.List;

/** The weights in this jar as a {@link PretrainedSource}, so that DL4J's {@code initPretrained} finds them. */
public final class ShippedWeights implements PretrainedSource {

    @Override
    public List<String> tags() {
        return PretrainedWeights.available().stream().map(Pretrained::tag).toList();
    }

    @Override
    public ModelFile load(String tag) throws IOException {
        return PretrainedWeights.load(tag);
    }
}
