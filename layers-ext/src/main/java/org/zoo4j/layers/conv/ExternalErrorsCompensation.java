package org.zoo4j.layers.conv;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * Corrects the gradient DL4J's SameDiff layers receive. DL4J backpropagates through a SameDiff layer with ND4J's
 * external-errors function, which in 1.0.0-M2.1 returns twice the true gradient for the parameters and the input.
 * {@code ExternalErrorsCompensationTest} measures ND4J's factor on a one-element graph in every build and fails when it
 * is not {@link #FACTOR} (an ND4J that fixes it), and the layers' gradient checks against finite differences show the
 * compensated gradients are exact. (Measuring it here, at run time, would mean muting {@code System.out} for the whole
 * JVM: ND4J prints a line per differentiated op while it builds the gradient function.)
 */
final class ExternalErrorsCompensation {

    /** The factor by which ND4J 1.0.0-M2.1's external-errors backprop inflates gradients. */
    static final double FACTOR = 2.0;

    private ExternalErrorsCompensation() {
    }

    /** {@code out} unchanged in the forward pass, its gradient scaled so that the external-errors path is exact. */
    static SDVariable compensate(SameDiff sd, SDVariable out) {
        SDVariable frozen = new StopGradient(sd, out.mul(1.0 - 1.0 / FACTOR)).outputVariable();
        return out.mul(1.0 / FACTOR).add(frozen);
    }
}
