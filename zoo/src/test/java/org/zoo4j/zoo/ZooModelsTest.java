package org.zoo4j.zoo;

import org.zoo4j.zoo.registry.ModelRegistry;
import org.zoo4j.layers.testing.Bits;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every registered model, for real: initialised weights, a forward pass, configuration and weight round trips. */
class ZooModelsTest {

    static List<String> names() {
        return ModelRegistry.names();
    }

    @ParameterizedTest
    @MethodSource("names")
    void initialisesRunsAndRoundTrips(String name, @TempDir Path dir) throws IOException {
        Zoo4jModel zooModel = ModelRegistry.entry(name).create();
        ComputationGraph net = zooModel.init();
        ModelOptions options = zooModel.options();
        assertThat(net.numParams()).isEqualTo(ReferenceCounts.of(name).params());

        INDArray x = Nd4j.rand(DataType.FLOAT, 2, options.channels(), options.height(), options.width());
        INDArray out = net.outputSingle(x);
        assertThat(out.shape()).containsExactly(2, options.numClasses());
        assertThat(out.sum(1).toDoubleVector()).containsOnly(new double[]{1.0, 1.0}, within(1e-4));

        ComputationGraphConfiguration conf = net.getConfiguration();
        assertThat(ComputationGraphConfiguration.fromJson(conf.toJson())).isEqualTo(conf);

        File file = dir.resolve(name + ".zip").toFile();
        ModelSerializer.writeModel(net, file, false);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, false);
        Bits.assertSame(restored.params(), net.params(), name + " parameters after a round trip");
        assertThat(restored.outputSingle(x)).isEqualTo(out);
    }
}
