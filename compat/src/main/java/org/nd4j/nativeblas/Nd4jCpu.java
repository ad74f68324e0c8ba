package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Restores DL4J 1.0.0-M2.1's oneDNN layer helpers on the CPU backend. DL4J asks
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} whether oneDNN is on, but ND4J M2.1
 * moved that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the method
 * {@code isUseONEDNN()}; the failed lookup silently disables every helper (log: "Cannot find class
 * [org.nd4j.nativeblas.Nd4jCpu$Environment]"). This class answers under the old name by asking the new one.
 * Helpers also need {@code -Dorg.eclipse.deeplearning4j.helpers.disable=false}, which zoo4j's
 * {@code Zoo4jRuntime.configure()} sets. This is the only class of the {@code zoo4j-dl4j-m21-compat} artifact: it
 * sits in ND4J's package (a split package, so not for the module path) and is deleted when DL4J ships the fix.
 */
public final class Nd4jCpu {

    private Nd4jCpu() {
    }

    public static final class Environment {

        private static final Environment INSTANCE = new Environment();
        private static final String BINDINGS = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the loaded libnd4j uses oneDNN; false when the CPU backend is not on the class path. */
        public boolean isUseMKLDNN() {
            try {
                Class<?> bindings = Class.forName(BINDINGS);
                Object environment = bindings.getMethod("getInstance").invoke(null);
                Method useOneDnn = bindings.getMethod("isUseONEDNN");
                return (boolean) useOneDnn.invoke(environment);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
