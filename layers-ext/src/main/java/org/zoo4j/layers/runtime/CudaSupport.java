package org.zoo4j.layers.runtime;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * Which GPUs the ND4J CUDA backend (nd4j-cuda-11.6 1.0.0-M2.1, Maven profile {@code cuda}) can run on, checked before
 * ND4J starts so that an unsupported GPU gets a clear message instead of a failure deep inside the first kernel.
 *
 * <p>The backend's libnd4jcuda.so carries machine code (SASS) for compute capabilities 3.7, 5.0, 5.2, 6.0, 6.1, 7.0,
 * 7.5, 8.0 and 8.6 and no PTX (listed with {@code tools/cuda/fatbin_archs.py}). SASS runs on GPUs of the same major
 * version and an equal or higher minor one, and without PTX nothing can be compiled for newer architectures: Kepler
 * (3.7) to Ada (8.9, which runs the 8.6 code) work; Hopper (9.0, H100/H200) and later cannot.
 */
public final class CudaSupport {

    /** Compute capabilities with machine code in the backend, as {major, minor}. */
    public static final List<int[]> SASS = List.of(new int[]{3, 7}, new int[]{5, 0}, new int[]{5, 2}, new int[]{6, 0},
            new int[]{6, 1}, new int[]{7, 0}, new int[]{7, 5}, new int[]{8, 0}, new int[]{8, 6});

    private CudaSupport() {
    }

    /** A CUDA device as the runtime reports it; versions are CUDA's integers (11060 is 11.6). */
    public record Device(int index, String name, int major, int minor, int driverVersion, int runtimeVersion) {
        public String describe() {
            return String.format("GPU %d: %s, compute capability %d.%d, CUDA driver %s, runtime %s", index, name, major,
                    minor, version(driverVersion), version(runtimeVersion));
        }

        private static String version(int v) {
            return v / 1000 + "." + (v % 1000) / 10;
        }
    }

    /**
     * Why the backend cannot run on a GPU of this compute capability, or empty when it can.
     */
    public static Optional<String> incompatibility(int major, int minor) {
        boolean runnable = SASS.stream().anyMatch(cc -> cc[0] == major && cc[1] <= minor);
        if (runnable) {
            return Optional.empty();
        }
        String family = major == 9 ? " (Hopper: H100/H200)" : major >= 10 ? " (Blackwell or newer)" : "";
        return Optional.of("compute capability " + major + "." + minor + family + " is not supported by ND4J "
                + "1.0.0-M2.1's CUDA backend, which ships machine code for 3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0 and 8.6 "
                + "and no PTX to compile for newer GPUs. Use the CPU backend (build without -Pcuda), or an ND4J build "
                + "compiled for compute capability " + major + "." + minor);
    }

    /**
     * The first CUDA device, asked through the CUDA runtime bindings that the {@code cuda} profile brings (by
     * reflection, so CPU builds need nothing); empty when they are absent or report no device.
     */
    public static Optional<Device> probe() {
        try {
            Class<?> cudart = Class.forName("org.bytedeco.cuda.global.cudart");
            int[] value = new int[1];
            Method attribute = cudart.getMethod("cudaDeviceGetAttribute", int[].class, int.class, int.class);
            if ((int) cudart.getMethod("cudaGetDeviceCount", int[].class).invoke(null, value) != 0 || value[0] < 1) {
                return Optional.empty();
            }
            attribute.invoke(null, value, 75, 0); // cudaDevAttrComputeCapabilityMajor
            int major = value[0];
            attribute.invoke(null, value, 76, 0); // cudaDevAttrComputeCapabilityMinor
            int minor = value[0];
            cudart.getMethod("cudaDriverGetVersion", int[].class).invoke(null, value);
            int driver = value[0];
            cudart.getMethod("cudaRuntimeGetVersion", int[].class).invoke(null, value);
            int runtime = value[0];
            Class<?> propsClass = Class.forName("org.bytedeco.cuda.cudart.cudaDeviceProp");
            Object props = propsClass.getConstructor().newInstance();
            cudart.getMethod("cudaGetDeviceProperties", propsClass, int.class).invoke(null, props, 0);
            Object name = propsClass.getMethod("name").invoke(props);
            String text = (String) name.getClass().getMethod("getString").invoke(name);
            return Optional.of(new Device(0, text, major, minor, driver, runtime));
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * On a CUDA build: the device, or an exception with the reason when the backend cannot run on it. Call before
     * ND4J is first used. Empty on CPU builds.
     */
    public static Optional<Device> requireSupportedDevice() {
        Optional<Device> device = probe();
        device.ifPresent(d -> incompatibility(d.major(), d.minor()).ifPresent(reason -> {
            throw new IllegalStateException(d.name() + ": " + reason);
        }));
        return device;
    }
}
