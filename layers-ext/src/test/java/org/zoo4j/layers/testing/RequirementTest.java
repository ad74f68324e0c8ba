package org.zoo4j.layers.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequirementTest {

    @Test
    void aMissingCapabilitySkipsUnlessTheBuildRequiresIt() {
        String before = System.getProperty(Requirement.PROPERTY);
        try {
            System.clearProperty(Requirement.PROPERTY);
            assertThatCode(() -> Requirement.assume("chromium", true, () -> "none")).doesNotThrowAnyException();
            assertThatThrownBy(() -> Requirement.assume("chromium", false, () -> "no browser"))
                    .isInstanceOf(TestAbortedException.class).hasMessageContaining("no browser");
            System.setProperty(Requirement.PROPERTY, "bf16, chromium");
            assertThatThrownBy(() -> Requirement.assume("chromium", false, () -> "no browser"))
                    .isInstanceOf(AssertionFailedError.class)
                    .hasMessageContaining("chromium is required here").hasMessageContaining("no browser");
            assertThatThrownBy(() -> Requirement.assume("tmpfs", false, () -> "no mount"))
                    .isInstanceOf(TestAbortedException.class);
        } finally {
            if (before == null) {
                System.clearProperty(Requirement.PROPERTY);
            } else {
                System.setProperty(Requirement.PROPERTY, before);
            }
        }
    }
}
