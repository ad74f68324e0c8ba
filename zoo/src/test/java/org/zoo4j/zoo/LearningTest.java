package org.zoo4j.zoo;

import org.zoo4j.layers.testing.Requirement;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.zoo4j.layers.conv.ComputePrecision;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * Each family learns: a reduced-width model trained on a synthetic task (which quadrant of a noisy image is lit)
 * must drive its loss down and classify held-out images it never saw.
 */
class LearningTest {

    private static final int CLASSES = 4;
    private static final int SIZE = 16;

    @ParameterizedTest
    @ValueSource(strings = {"vgg", "vgg_seed", "resnet", "densenet"})
    void learnsASyntheticTask(String family) {
        ComputationGraph net = TinyModels.of(family, CLASSES, SIZE, CNN2DFormat.NCHW)
                .updater(new Adam(family.equals("vgg_seed") ? 3e-3 : 1e-2)).seed(7).build().init();
        assertLearns(net, quadrants(256, 1), quadrants(128, 2));
    }

    /** Trained with bfloat16 convolutions (fp32 weights and loss), each family learns as well (NHWC, where they run). */
    @ParameterizedTest
    @ValueSource(strings = {"vgg", "resnet", "densenet"})
    void learnsASyntheticTaskInBfloat16(String family) {
        Requirement.bf16();
        ComputationGraph net = TinyModels.of(family, CLASSES, SIZE, CNN2DFormat.NHWC).updater(new Adam(1e-2)).seed(7)
                .precision(ComputePrecision.BFLOAT16).build().init();
        assertLearns(net, channelsLast(quadrants(256, 1)), channelsLast(quadrants(128, 2)));
    }

    /** 12 epochs must cut the training loss to a quarter and classify 90% of unseen images right. */
    private static void assertLearns(ComputationGraph net, DataSet train, DataSet test) {
        double before = net.score(train);
        net.fit(new ListDataSetIterator<>(train.asList(), 32), 12);
        Evaluation eval = net.evaluate(new ListDataSetIterator<>(test.asList(), 64));
        assertThat(net.score(train)).isLessThan(before / 4);
        assertThat(eval.accuracy()).as(eval.stats()).isGreaterThanOrEqualTo(0.9);
    }

    private static DataSet channelsLast(DataSet nchw) {
        return new DataSet(nchw.getFeatures().permute(0, 2, 3, 1).dup('c'), nchw.getLabels());
    }

    /** Images of Gaussian noise with one 8x8 quadrant brightened; the label is the quadrant. */
    private static DataSet quadrants(int n, long seed) {
        Random random = new Random(seed);
        INDArray x = Nd4j.randn(seed, new long[]{n, 3, SIZE, SIZE}).castTo(DataType.FLOAT).muli(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(CLASSES);
            int top = label / 2 * SIZE / 2;
            int left = label % 2 * SIZE / 2;
            x.get(point(i), all(), interval(top, top + SIZE / 2), interval(left, left + SIZE / 2)).addi(1.0);
            y.putScalar(i, label, 1.0);
        }
        return new DataSet(x, y);
    }
}
