package org.zoo4j.zoo;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.core.inference.BatchNormFolding;
import org.zoo4j.layers.runtime.Zoo4jRuntime;
import org.zoo4j.zoo.registry.ModelRegistry;

import java.util.Arrays;

/**
 * Opt-in benchmark of the folded against the unfolded network (docs/performance.md):
 * {@code LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 ./mvnw -B -q test -pl zoo
 * -Dtest=BatchNormFoldingBenchmark -Dzoo4j.foldBench=resnet20,resnet18,vgg13_bn,densenet_bc_100}. Alternates seven
 * rounds of three batches of 128 random NHWC images through each and prints the medians; it asserts nothing.
 */
class BatchNormFoldingBenchmark {

    @Test
    @EnabledIfSystemProperty(named = "zoo4j.foldBench", matches = ".+")
    void foldedAgainstUnfolded() {
        Zoo4jRuntime.configure();
        for (String name : System.getProperty("zoo4j.foldBench").split(",")) {
            ComputationGraph net = ModelRegistry.builder(name).dataFormat(CNN2DFormat.NHWC).build().init();
            ComputationGraph folded = BatchNormFolding.fold(net);
            int[] shape = ModelRegistry.builder(name).build().options().inputShape();
            INDArray x = Nd4j.rand(DataType.FLOAT, 128, shape[1], shape[2], shape[0]);
            double[] plain = new double[7];
            double[] fused = new double[7];
            rate(net, x);
            rate(folded, x);
            for (int round = 0; round < 7; round++) {
                plain[round] = rate(net, x);
                fused[round] = rate(folded, x);
            }
            Arrays.sort(plain);
            Arrays.sort(fused);
            System.out.printf("%s: vertices %d -> %d, unfolded %.0f img/s, folded %.0f img/s (medians of 7)%n", name,
                    net.getVertices().length, folded.getVertices().length, plain[3], fused[3]);
        }
    }

    /** Images per second over three batches. */
    private static double rate(ComputationGraph net, INDArray x) {
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            net.outputSingle(false, x);
        }
        return 3 * x.size(0) / ((System.nanoTime() - start) / 1e9);
    }
}
