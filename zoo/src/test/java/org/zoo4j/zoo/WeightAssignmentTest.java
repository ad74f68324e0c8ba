package org.zoo4j.zoo;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Both importers' core: every problem at once, and nothing assigned unless there is none. */
class WeightAssignmentTest {

    @Test
    void assignsConvertedTensorsInTheTargetsShape() {
        INDArray target = Nd4j.zeros(DataType.FLOAT, 1, 3);
        WeightAssignment weights = new WeightAssignment("m");
        weights.stage("fc", "b", target, "fc.bias", Nd4j.createFromArray(1.0, 2.0, 3.0), x -> x.mul(2), "");
        weights.assign("");
        assertThat(target.toFloatVector()).containsExactly(2f, 4f, 6f);
    }

    @Test
    void listsEveryProblemAndTouchesNothing() {
        INDArray bias = Nd4j.zeros(DataType.FLOAT, 1, 3);
        INDArray kernel = Nd4j.zeros(DataType.FLOAT, 4, 3, 1, 1);
        WeightAssignment weights = new WeightAssignment("m");
        weights.stage("fc", "b", bias, "fc.bias", Nd4j.ones(DataType.FLOAT, 3), x -> x, "");
        weights.stage("conv", "W", kernel, "conv.weight", Nd4j.ones(DataType.FLOAT, 3, 4, 1, 1), x -> x, "OIHW");
        weights.stage("conv", "b", bias, "conv.bias", null, x -> x, "");
        weights.problem("unexpected extra [2]");
        assertThatThrownBy(() -> weights.assign("A hint."))
                .hasMessage("cannot import into m: 3 problem(s). A hint.\n"
                        + "  shape of conv.weight is [3, 4, 1, 1], conv W needs [4, 3, 1, 1] (OIHW)\n"
                        + "  missing conv.bias (for conv b, shape [1, 3])\n"
                        + "  unexpected extra [2]");
        assertThat(bias.sumNumber().doubleValue()).as("the well-shaped tensor is not assigned either").isZero();
    }
}
