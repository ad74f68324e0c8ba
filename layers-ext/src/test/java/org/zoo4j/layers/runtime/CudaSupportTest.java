package org.zoo4j.layers.runtime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CudaSupportTest {

    @ParameterizedTest(name = "{0}.{1} runnable: {2}")
    @CsvSource({"3,5,false", "3,7,true", "5,0,true", "5,3,true", "6,1,true", "6,2,true", "7,0,true", "7,2,true",
            "7,5,true", "8,0,true", "8,6,true", "8,7,true", "8,9,true", "9,0,false", "10,0,false", "12,0,false",
            "2,1,false"})
    void decidesFromTheShippedMachineCode(int major, int minor, boolean runnable) {
        assertThat(CudaSupport.incompatibility(major, minor).isEmpty()).isEqualTo(runnable);
    }

    @Test
    void hopperMessageNamesTheWaysOut() {
        assertThat(CudaSupport.incompatibility(9, 0)).hasValueSatisfying(m -> assertThat(m)
                .contains("9.0 (Hopper: H100/H200)").contains("no PTX").contains("CPU backend")
                .contains("ND4J build compiled for compute capability 9.0"));
    }

    /** The default build is CPU-only: no CUDA backend or runtime bindings on the class path, so no probe. */
    @Test
    void defaultBuildCarriesNoCuda() {
        assertThat(CudaSupport.probe()).isEmpty();
        assertThat(loadable("org.nd4j.linalg.jcublas.JCublasBackend")).isFalse();
        assertThat(loadable("org.bytedeco.cuda.global.cudart")).isFalse();
        assertThat(loadable("org.nd4j.linalg.cpu.nativecpu.CpuBackend")).isTrue();
    }

    private static boolean loadable(String name) {
        try {
            Class.forName(name, false, CudaSupportTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
