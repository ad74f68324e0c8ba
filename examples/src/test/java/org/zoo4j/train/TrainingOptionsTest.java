package org.zoo4j.train;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The data layout a run trains in: NHWC by default, kept in checkpoints, NCHW for checkpoints that predate it. */
class TrainingOptionsTest {

    @Test
    void runsTrainInNhwcByDefaultAndCheckpointsKeepTheLayout() throws Exception {
        TrainingOptions options = TrainingOptions.of(Recipe.STANDARD, "resnet20");
        assertThat(options.format()).isEqualTo(CNN2DFormat.NHWC);
        ObjectMapper mapper = new ObjectMapper();
        assertThat(TrainingOptions.fromJson(mapper.readTree(options.toJson()))).isEqualTo(options);
    }

    @Test
    void checkpointsWithoutALayoutAreNchw() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = (ObjectNode) mapper.readTree(TrainingOptions.of(Recipe.STANDARD, "resnet20").toJson());
        json.remove("format");
        assertThat(TrainingOptions.fromJson(json).format()).isEqualTo(CNN2DFormat.NCHW);
    }
}
