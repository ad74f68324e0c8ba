package org.zoo4j.zoo;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code weightDecay} is PyTorch's SGD {@code weight_decay}: added to the gradient before the update rule, so it goes
 * through the momentum. A first Nesterov step with decay {@code d} moves every trainable parameter (weights, biases,
 * BatchNorm scale and shift) by exactly {@code -(1 + momentum) * lr * d * w} more than the same step without decay
 * (DL4J's own {@code weightDecay()}, applied after the update to weights only, would give {@code -lr * d * w}).
 */
class WeightDecayTest {

    private static final double LR = 0.1;
    private static final double MOMENTUM = 0.9;
    private static final double DECAY = 0.01;
    /** BatchNorm's running statistics are state, not trainable parameters. */
    private static final Set<String> NOT_TRAINED = Set.of("mean", "var", "log10stdev");

    @ParameterizedTest
    @ValueSource(strings = {"resnet", "vgg", "densenet"})
    void decaysEveryTrainableParameterBeforeTheUpdate(String family) {
        ComputationGraph plain = net(family, 0);
        ComputationGraph decayed = net(family, DECAY);
        Map<String, INDArray> before = copy(plain.paramTable());
        DataSet batch = batch();

        plain.fit(batch);
        decayed.fit(batch);

        int checked = 0;
        for (Map.Entry<String, INDArray> e : before.entrySet()) {
            if (NOT_TRAINED.contains(e.getKey().substring(e.getKey().lastIndexOf('_') + 1))) {
                continue;
            }
            INDArray expected = plain.getParam(e.getKey()).sub(e.getValue().mul((1 + MOMENTUM) * LR * DECAY));
            assertThat(decayed.getParam(e.getKey()).equalsWithEps(expected, 1e-6)).as(e.getKey()).isTrue();
            checked++;
        }
        assertThat(checked).isGreaterThan(6);
        assertThat(before.keySet()).anyMatch(k -> k.endsWith("_gamma")).anyMatch(k -> k.endsWith("_b"));
    }

    /** Without it on biases and BatchNorm, those move exactly as with no decay at all; the weights as with it. */
    @ParameterizedTest
    @ValueSource(strings = {"resnet", "vgg", "densenet"})
    void decayOfWeightsOnlyLeavesBiasesAndBatchNormAlone(String family) {
        ComputationGraph plain = net(family, 0, true);
        ComputationGraph everything = net(family, DECAY, true);
        ComputationGraph weightsOnly = net(family, DECAY, false);
        DataSet batch = batch();
        plain.fit(batch);
        everything.fit(batch);
        weightsOnly.fit(batch);

        int weights = 0;
        int others = 0;
        for (String key : plain.paramTable().keySet()) {
            String kind = key.substring(key.lastIndexOf('_') + 1);
            if (NOT_TRAINED.contains(kind)) {
                continue;
            }
            boolean weight = kind.equals("W");
            ComputationGraph like = weight ? everything : plain;
            assertThat(weightsOnly.getParam(key).equalsWithEps(like.getParam(key), 1e-7)).as(key).isTrue();
            weights += weight ? 1 : 0;
            others += weight ? 0 : 1;
        }
        assertThat(weights).isGreaterThan(2);
        assertThat(others).isGreaterThan(2);
    }

    private static ComputationGraph net(String family, double decay) {
        return net(family, decay, true);
    }

    private static ComputationGraph net(String family, double decay, boolean normAndBias) {
        return TinyModels.of(family, 3, 8, CNN2DFormat.NCHW).updater(new Nesterovs(LR, MOMENTUM)).weightDecay(decay)
                .decayNormAndBias(normAndBias).seed(5).build().init();
    }

    private static DataSet batch() {
        Nd4j.getRandom().setSeed(3);
        INDArray labels = Nd4j.zeros(8, 3);
        for (int i = 0; i < 8; i++) {
            labels.putScalar(i, i % 3, 1);
        }
        return new DataSet(Nd4j.rand(8, 3, 8, 8), labels);
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> params) {
        Map<String, INDArray> out = new java.util.TreeMap<>();
        params.forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }
}
