package org.zoo4j.layers.conv;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.util.SameDiffUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.ops.impl.layers.ExternalErrorsFunction;
import org.nd4j.linalg.factory.Nd4j;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Corrects the gradient DL4J's SameDiff layers receive. DL4J backpropagates through a SameDiff layer with ND4J's
 * external-errors function, which in 1.0.0-M2.1 returns twice the true gradient for the parameters and the input.
 * The factor is measured once per JVM on a one-element graph ({@code in * w} with external error 1, whose true gradient
 * for {@code w} is 1), so a fixed ND4J needs no change here; {@code ExternalErrorsCompensationTest} pins M2.1's factor
 * of 2, and the layers' gradient checks against finite differences show the compensated gradients are exact.
 */
final class ExternalErrorsCompensation {

    private static final double SCALE = 1.0 / measureFactor();

    private ExternalErrorsCompensation() {
    }

    /** The factor by which external-errors backprop inflates gradients in the running ND4J (1 when sound). */
    static double factor() {
        return 1.0 / SCALE;
    }

    /** {@code out} unchanged in the forward pass, its gradient scaled so that the external-errors path is exact. */
    static SDVariable compensate(SameDiff sd, SDVariable out) {
        if (SCALE == 1.0) {
            return out;
        }
        SDVariable frozen = new StopGradient(sd, out.mul(1.0 - SCALE)).outputVariable();
        return out.mul(SCALE).add(frozen);
    }

    private static double measureFactor() {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("in", DataType.DOUBLE, 1);
        // ND4J M2.1 prints a line per differentiated op to System.out; keep stdout clean for the one-off probe
        PrintStream stdout = System.out;
        SDVariable w = sd.var("w", Nd4j.scalar(DataType.DOUBLE, 1.0).reshape(1));
        ExternalErrorsFunction fn = SameDiffUtils.externalErrors(sd, null, in.mul(w));
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction("in");
        } finally {
            System.setOut(stdout);
        }
        INDArray one = Nd4j.ones(DataType.DOUBLE, 1);
        Map<String, INDArray> grads = sd.calculateGradients(Map.of("in", one, fn.getGradPlaceholderName(), one),
                List.of("w"));
        return grads.get("w").getDouble(0); // d(in * w)/dw * eps = 1 when sound
    }
}
