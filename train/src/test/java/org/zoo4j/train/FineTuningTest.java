package org.zoo4j.train;

import org.zoo4j.core.InvalidSettingException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.zoo4j.zoo.ModelBuilder;
import org.zoo4j.zoo.Zoo4jModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FineTuningTest {

    private static ModelBuilder<? extends Zoo4jModel> tiny(String family) {
        return TinyNets.of(family, 5);
    }

    /** Frozen parameters stay bit-identical through training, the others change, and the new head has 3 outputs. */
    @Test
    void freezesUpToTheStageAndReplacesTheHead() throws Exception {
        ComputationGraph base = tiny("resnet").build().init();
        ComputationGraph tuned = FineTuning.adapt(base, 3, "stage1", new Adam(1e-2), 0, 7);
        Map<String, float[]> before = params(tuned);

        Trainer.builder(tuned, InMemoryData.iterator(24, 8, 1)).epochs(2).build().fit();

        Map<String, float[]> after = params(tuned);
        for (String vertex : before.keySet()) {
            boolean frozen = vertex.startsWith("stem.") || vertex.startsWith("stage1.");
            assertThat(Arrays.equals(before.get(vertex), after.get(vertex))).as(vertex + (frozen ? " frozen" : " trains"))
                    .isEqualTo(frozen);
        }
        assertThat(tuned.getLayer("head.fc").getParam("W").shape()).containsExactly(8, 3);
        assertThat(base.getLayer("head.fc").getParam("W").shape()).containsExactly(8, 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet", "vgg", "densenet"})
    void everyFamilyGetsANewHead(String family) {
        ComputationGraph tuned = FineTuning.adapt(tiny(family).build().init(), 3, null, new Adam(1e-3), 0, 7);
        INDArray out = tuned.outputSingle(InMemoryData.iterator(4, 4, 1).next().getFeatures());
        assertThat(out.shape()).containsExactly(4, 3);
    }

    /** The fine-tuning decay replaces the base's: L2 at the new coefficient on every trainable parameter, or none. */
    @Test
    void weightDecayReplacesTheBases() {
        ComputationGraph base = tiny("resnet").weightDecay(5e-4).build().init();
        assertThat(regularisations(FineTuning.adapt(base, 3, null, new Adam(1e-3), 2e-3, 7)))
                .isNotEmpty().allMatch(r -> r.equals(new L2Regularization(2e-3)));
        assertThat(regularisations(FineTuning.adapt(base, 3, null, new Adam(1e-3), 0, 7))).isEmpty();
        ComputationGraph weightsOnly = FineTuning.adapt(base, 3, null, new Adam(1e-3), 2e-3, false, 7);
        assertThat(regularisations(weightsOnly, "W")).isNotEmpty().allMatch(r -> r.equals(new L2Regularization(2e-3)));
        for (String other : new String[]{"b", "gamma", "beta"}) {
            assertThat(regularisations(weightsOnly, other)).as(other).isEmpty();
        }
    }

    private static List<Regularization> regularisations(ComputationGraph net) {
        List<Regularization> out = new ArrayList<>();
        for (String param : new String[]{"W", "b", "gamma", "beta"}) {
            out.addAll(regularisations(net, param));
        }
        return out;
    }

    /** The regularisation of every parameter of this name (W, b, gamma, beta) in the network. */
    private static List<Regularization> regularisations(ComputationGraph net, String name) {
        List<Regularization> out = new ArrayList<>();
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            List<Regularization> r = layer.paramTable().containsKey(name)
                    ? layer.conf().getLayer().getRegularizationByParam(name) : null;
            if (r != null) {
                out.addAll(r);
            }
        }
        return out;
    }

    @Test
    void unknownFreezePointsAreRefusedWithTheValidOnes() {
        ComputationGraph base = tiny("resnet").build().init();
        assertThat(FineTuning.freezePoints(base)).contains("stem", "stage1", "stage2.block1", "stage2.block1.conv1")
                .doesNotContain("input", "head.fc");
        assertThatThrownBy(() -> FineTuning.adapt(base, 3, "stage9", new Adam(1e-3), 0, 7))
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo(FineTuning.FREEZE_POINT))
                .hasMessageContaining("'stage9' is not a vertex or block").hasMessageContaining("stage2.block1");
        assertThat(FineTuning.lastVertexOf(base, "stage1")).isEqualTo("stage1.block1.relu");
    }

    private static Map<String, float[]> params(ComputationGraph net) {
        Map<String, float[]> out = new HashMap<>();
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            if (layer.numParams() > 0) {
                out.put(layer.conf().getLayer().getLayerName(), layer.params().toFloatVector());
            }
        }
        return out;
    }
}
