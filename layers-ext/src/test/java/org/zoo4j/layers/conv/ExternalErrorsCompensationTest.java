package org.zoo4j.layers.conv;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.util.SameDiffUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.ExternalErrorsFunction;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExternalErrorsCompensationTest {

    /**
     * Pins the ND4J behaviour the compensation exists for, measured on {@code in * w} with external error 1, whose
     * true gradient for {@code w} is 1. When an ND4J upgrade fixes external errors, this fails: then delete the
     * compensation and this test.
     */
    @Test
    void nd4jDoublesExternalErrorGradientsAsCompensated() {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", DataType.DOUBLE, 1);
        SDVariable w = sd.var("w", Nd4j.scalar(DataType.DOUBLE, 1.0).reshape(1));
        ExternalErrorsFunction fn = SameDiffUtils.externalErrors(sd, null, in.mul(w));
        sd.createGradFunction("in");
        INDArray one = Nd4j.ones(DataType.DOUBLE, 1);
        Map<String, INDArray> grads = sd.calculateGradients(Map.of("in", one, fn.getGradPlaceholderName(), one),
                List.of("w"));
        assertThat(grads.get("w").getDouble(0)).isEqualTo(ExternalErrorsCompensation.FACTOR);
    }
}
