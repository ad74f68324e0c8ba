package org.zoo4j.layers.conv;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.junit.jupiter.api.Test;
import org.zoo4j.layers.conv.ConvArithmetic.Padding;
import org.zoo4j.layers.conv.ConvArithmetic.Range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConvArithmeticTest {

    @Test
    void notebookShapes() {
        assertThat(ConvArithmetic.poolOutput(32, 2, 2, Padding.SAME)).isEqualTo(16);
        assertThat(ConvArithmetic.poolOutput(32, 2, 1, Padding.SAME)).isEqualTo(32);
        assertThat(ConvArithmetic.convOutput(7, 3, 1, 2, Padding.VALID)).isEqualTo(3);
        assertThat(ConvArithmetic.convOutput(5, 3, 2, 1, Padding.VALID)).isEqualTo(2);
        assertThat(ConvArithmetic.convOutput(6, 3, 2, 1, Padding.VALID)).isEqualTo(2);
        assertThat(ConvArithmetic.inputsFor(2, 3, 2, 1, Padding.VALID)).isEqualTo(new Range(5, 6));
        assertThat(ConvArithmetic.transposedOutput(2, 3, 2, 1, Padding.VALID)).isEqualTo(5);
        assertThat(ConvArithmetic.transposedOutput(2, 3, 2, 1, 0, 1)).isEqualTo(6);
        assertThat(ConvArithmetic.transposedOutput(2, 3, 3, 1, Padding.SAME)).isEqualTo(6);
        assertThat(ConvArithmetic.transposedOutput(2, 3, 1, 1, Padding.VALID)).isEqualTo(4);
    }

    @Test
    void samePaddingPutsTheOddOneAfter() {
        assertThat(ConvArithmetic.samePadding(30, 3, 2, 1)).containsExactly(0, 1);
        assertThat(ConvArithmetic.samePadding(7, 3, 1, 2)).containsExactly(2, 2);
        assertThat(ConvArithmetic.samePadding(30, 2, 1, 1)).containsExactly(0, 1);
    }

    /** Every size in inputsFor(o) maps to o, and its neighbours do not: the range is exact. */
    @Test
    void inputsForIsExactlyThePreimage() {
        for (Padding p : Padding.values()) {
            for (int k = 1; k <= 5; k++) {
                for (int s = 1; s <= 3; s++) {
                    for (int d = 1; d <= 3; d++) {
                        for (int o = 1; o <= 6; o++) {
                            Range r = ConvArithmetic.inputsFor(o, k, s, d, p);
                            for (int i = Math.max(1, r.min() - 2); i <= r.max() + 2; i++) {
                                boolean valid = p == Padding.SAME || i >= ConvArithmetic.effectiveKernel(k, d);
                                boolean maps = valid && ConvArithmetic.convOutput(i, k, s, d, p) == o;
                                assertThat(maps).as("p=%s k=%d s=%d d=%d o=%d i=%d", p, k, s, d, o, i)
                                        .isEqualTo(r.contains(i));
                            }
                        }
                    }
                }
            }
        }
    }

    /** The formulas agree with DL4J's own shape inference, so layers of both kinds compose. */
    @Test
    void agreesWithDl4jShapeInference() {
        for (int size = 5; size <= 12; size++) {
            for (int s = 1; s <= 3; s++) {
                for (int d = 1; d <= 3; d++) {
                    for (Padding p : Padding.values()) {
                        if (p == Padding.VALID && size < ConvArithmetic.effectiveKernel(3, d)) {
                            continue;
                        }
                        InputType out = ConvLayers.dilated(4, 3, d, s, p, true)
                                .getOutputType(0, InputType.convolutional(size, size, 2));
                        assertThat(((InputType.InputTypeConvolutional) out).getHeight())
                                .as("size %d stride %d dilation %d %s", size, s, d, p)
                                .isEqualTo(ConvArithmetic.convOutput(size, 3, s, d, p));
                    }
                }
                InputType pooled = new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(s, s)
                        .convolutionMode(ConvolutionMode.Same).build()
                        .getOutputType(0, InputType.convolutional(size, size, 2));
                assertThat(((InputType.InputTypeConvolutional) pooled).getHeight())
                        .isEqualTo(ConvArithmetic.poolOutput(size, 2, s, Padding.SAME));
            }
        }
    }

    @Test
    void transposedWindowRejectsUnreachableSizesNamingTheReachableOnes() {
        assertThatThrownBy(() -> ConvArithmetic.transposedWindow(2, 3, 2, 1, Padding.VALID, 7))
                .hasMessageContaining("cannot produce size 7").hasMessageContaining("reachable sizes: 5..6");
        assertThatThrownBy(() -> ConvArithmetic.transposedOutput(2, 3, 2, 1, 0, 2))
                .hasMessageContaining("output padding must be in [0, 1]").hasMessageContaining("5..6");
        assertThatThrownBy(() -> ConvArithmetic.convOutput(4, 3, 1, 2, Padding.VALID))
                .hasMessageContaining("effective kernel size 5");
    }
}
