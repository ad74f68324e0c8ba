package org.zoo4j.core.inference;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zoo4j.core.file.ModelFile;
import org.zoo4j.layers.conv.ComputePrecision;

/**
 * DL4J's {@code ComputationGraph.output} in inference mode: the built-in engine, in any precision the model takes, on
 * the network with its BatchNorms folded into the convolutions before them ({@link BatchNormFolding}).
 */
public final class Dl4jEngine implements InferenceEngine {

    public static final Dl4jEngine INSTANCE = new Dl4jEngine();

    private Dl4jEngine() {
    }

    @Override
    public String name() {
        return "dl4j";
    }

    @Override
    public String description() {
        return "DL4J's ComputationGraph.output, in inference mode";
    }

    /** Any model, in any precision the machine has (the convolutions say which they cannot). */
    @Override
    public boolean runs(ModelFile model, ComputePrecision precision) {
        return precision.unavailableReason() == null;
    }

    @Override
    public Inference open(ModelFile model) {
        ComputationGraph folded = BatchNormFolding.fold(model.net());
        return features -> folded.outputSingle(false, features);
    }

    /** Runs the convolutions in {@code precision} ({@link ComputePrecision#applyTo} on the model's network). */
    @Override
    public Inference open(ModelFile model, ComputePrecision precision) {
        precision.applyTo(model.net());
        return open(model);
    }
}
