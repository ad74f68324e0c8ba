package org.zoo4j.train;

import org.zoo4j.core.InvalidSettingException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A trained network adapted to a new task with DL4J's {@link TransferLearning}: its classifier replaced when the
 * number of classes differs, everything up to a named vertex or block frozen, a new updater. DL4J's builder is
 * order-sensitive and ignores some calls silently (deeplearning4j#8992), so this is the one place that calls it, and
 * its result is checked by tests (frozen parameters stay bit-identical, the others change).
 */
public final class FineTuning {

    /** The name an {@link InvalidSettingException} gives a point to freeze up to that the network does not have. */
    public static final String FREEZE_POINT = "freeze point";

    private FineTuning() {
    }

    /**
     * What {@link #adapt} can freeze up to: every vertex and every block prefix of a path-named graph
     * ({@code stem}, {@code stage2}, {@code stage2.block1}, {@code stage2.block1.conv1}), in topological order.
     */
    public static List<String> freezePoints(ComputationGraph net) {
        Set<String> points = new LinkedHashSet<>();
        for (String vertex : net.getConfiguration().getTopologicalOrderStr()) {
            String[] parts = vertex.split("\\.");
            for (int i = 1; i < parts.length; i++) {
                points.add(String.join(".", java.util.Arrays.copyOf(parts, i)));
            }
            points.add(vertex);
        }
        points.removeAll(net.getConfiguration().getNetworkInputs());
        points.removeAll(net.getConfiguration().getNetworkOutputs());
        return new ArrayList<>(points);
    }

    /**
     * The network for the new task; {@code base} is left as it was.
     *
     * @param numClasses the new task's classes: the classifier is replaced (Xavier init) when it has another number
     * @param freezeUpTo a vertex or block name ({@link #freezePoints}); it and everything it depends on stay frozen;
     *                   null freezes nothing
     * @param weightDecay L2 on every trainable parameter, as {@code ModelBuilder.weightDecay}; replaces whatever
     *                   regularisation the base was trained with (0 = none)
     * @throws IllegalArgumentException naming the valid points when {@code freezeUpTo} is not one
     */
    public static ComputationGraph adapt(ComputationGraph base, int numClasses, String freezeUpTo, IUpdater updater,
                                         double weightDecay, long seed) {
        return adapt(base, numClasses, freezeUpTo, updater, weightDecay, true, seed);
    }

    /**
     * {@link #adapt(ComputationGraph, int, String, IUpdater, double, long)}, with the weight decay on the weights
     * only when {@code decayNormAndBias} is false (as {@code ModelBuilder.decayNormAndBias}).
     */
    public static ComputationGraph adapt(ComputationGraph base, int numClasses, String freezeUpTo, IUpdater updater,
                                         double weightDecay, boolean decayNormAndBias, long seed) {
        ComputationGraphConfiguration conf = base.getConfiguration();
        String classifier = conf.getNetworkOutputs().get(0);
        TransferLearning.GraphBuilder builder = new TransferLearning.GraphBuilder(base)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(updater).seed(seed)
                        .weightDecay(0).weightDecayBias(0).l2(weightDecay)
                        .l2Bias(decayNormAndBias ? weightDecay : 0).build());
        if (freezeUpTo != null) {
            builder.setFeatureExtractor(lastVertexOf(base, freezeUpTo));
        }
        if (base.getOutputLayer(0).getParam("b").length() != numClasses) {
            builder.nOutReplace(classifier, numClasses, WeightInit.XAVIER);
        }
        return builder.build();
    }

    /** The vertex itself, or the last vertex (in topological order) of the block it names. */
    static String lastVertexOf(ComputationGraph net, String point) {
        List<String> points = freezePoints(net);
        if (!points.contains(point)) {
            throw new InvalidSettingException(FREEZE_POINT, "'" + point + "' is not a vertex or block of this "
                    + "network; valid: " + String.join(", ", points.stream().filter(p -> p.split("\\.").length <= 2)
                    .toList()) + " (or any vertex, as a summary lists them)");
        }
        String last = null;
        for (String vertex : net.getConfiguration().getTopologicalOrderStr()) {
            if (vertex.equals(point) || vertex.startsWith(point + ".")) {
                last = vertex;
            }
        }
        return last;
    }
}
