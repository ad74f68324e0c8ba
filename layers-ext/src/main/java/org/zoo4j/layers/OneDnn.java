package org.zoo4j.layers;

import static org.bytedeco.dnnl.global.dnnl.dnnl_a;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core_bf16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_engine_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_f32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_get_effective_cpu_isa;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_equal;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_get_size;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_init_by_tag;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_destroy;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_execute;
import static org.bytedeco.dnnl.global.dnnl.dnnl_reorder_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_default_flags;
import static org.bytedeco.dnnl.global.dnnl.dnnl_stream_wait;
import static org.bytedeco.dnnl.global.dnnl.dnnl_success;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The few oneDNN C API calls zoo4j needs, through JavaCPP's {@code org.bytedeco:dnnl} preset: a CPU engine, one stream
 * per thread, float memory descriptors and primitive execution on ND4J buffers (no copies: oneDNN reads and writes the
 * arrays' own memory). ND4J's libnd4j links its own oneDNN privately (no exported symbols), so the two do not clash.
 */
public final class OneDnn {

    /** Why oneDNN cannot be used here, or null when it can (CPU backend, and the preset's natives load). */
    private static final String UNAVAILABLE = probe();

    private static dnnl_engine engine;
    private static final ThreadLocal<dnnl_stream> STREAM = ThreadLocal.withInitial(() -> {
        dnnl_stream stream = new dnnl_stream();
        check(dnnl_stream_create(stream, engine, dnnl_stream_default_flags), "stream creation");
        return stream;
    });

    private static final ThreadLocal<INDArray[]> SCRATCH = ThreadLocal.withInitial(() -> new INDArray[3]);

    private OneDnn() {
    }

    public static boolean available() {
        return UNAVAILABLE == null;
    }

    /** Why {@link #available()} is false (the loading error), or null. */
    public static String unavailableReason() {
        return UNAVAILABLE;
    }

    private static String probe() {
        String backend = Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend");
        if (!"CPU".equalsIgnoreCase(backend)) {
            return "ND4J's " + backend + " backend keeps arrays in device memory"; // oneDNN here reads host memory
        }
        try {
            dnnl_engine created = new dnnl_engine();
            check(dnnl_engine_create(created, dnnl_cpu, 0), "CPU engine creation");
            engine = created;
            return null;
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError: no natives for this platform
            return e.toString();
        }
    }

    /** Whether oneDNN dispatches bfloat16 kernels here (AVX512-BF16 or AMX; the ISA levels are nested bit sets). */
    public static boolean hasBfloat16Kernels() {
        return available() && (dnnl_get_effective_cpu_isa() & dnnl_cpu_isa_avx512_core_bf16)
                == dnnl_cpu_isa_avx512_core_bf16;
    }

    public static void check(int status, String what) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN " + what + " failed with status " + status);
        }
    }

    /** A dense float vector of {@code length} elements: the view element-wise primitives need. */
    public static dnnl_memory_desc_t floats(long length) {
        return floats(new long[] {length}, dnnl_a);
    }

    /** A dense float tensor in oneDNN's logical order {N, C, ...} laid out as {@code tag} (dnnl_nchw, dnnl_nhwc). */
    public static dnnl_memory_desc_t floats(long[] dims, int tag) {
        return tensor(dims, dnnl_f32, tag);
    }

    /** A tensor of oneDNN data type {@code type} (dnnl_f32, dnnl_bf16) in oneDNN's logical order, laid out as {@code tag}. */
    public static dnnl_memory_desc_t tensor(long[] dims, int type, int tag) {
        dnnl_memory_desc_t desc = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(desc, dims.length, dims, type, tag), "memory descriptor");
        return desc;
    }

    /** oneDNN reads plain dense layouts; views with other strides (rare here) are copied first. */
    public static INDArray dense(INDArray a) {
        return isDense(a) ? a : a.dup('c');
    }

    /** Whether {@code a}'s elements lie in row-major order without gaps (the strides of size-1 dimensions aside). */
    public static boolean isDense(INDArray a) {
        long expected = 1;
        for (int i = a.rank() - 1; i >= 0; i--) {
            if (a.size(i) != 1 && a.stride(i) != expected) {
                return false;
            }
            expected *= a.size(i);
        }
        return true;
    }

    /** A primitive from an operation descriptor; {@code hint} is the forward primitive a backward one belongs to. */
    public static dnnl_primitive_desc primitiveDesc(Pointer opDesc, dnnl_primitive_desc hint) {
        dnnl_primitive_desc desc = new dnnl_primitive_desc();
        check(dnnl_primitive_desc_create(desc, new const_dnnl_op_desc_t(opDesc), null, engine, hint),
                "primitive descriptor");
        return desc;
    }

    /** A primitive copying {@code from}'s layout into {@code to}'s (oneDNN's reorder; DNNL_ARG_FROM, DNNL_ARG_TO). */
    public static dnnl_primitive reorder(dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
        dnnl_primitive_desc desc = new dnnl_primitive_desc();
        check(dnnl_reorder_primitive_desc_create(desc, from, engine, to, engine, null), "reorder descriptor");
        return primitive(desc);
    }

    public static boolean sameLayout(dnnl_memory_desc_t a, dnnl_memory_desc_t b) {
        return dnnl_memory_desc_equal(a, b) != 0;
    }

    /**
     * A buffer for a tensor in one of oneDNN's own (blocked) layouts, outside every workspace: the array is only
     * storage of {@code dnnl_memory_desc_get_size} bytes, which may exceed the logical element count (padded blocks).
     */
    public static INDArray buffer(dnnl_memory_desc_t desc) {
        long bytes = dnnl_memory_desc_get_size(desc);
        return Nd4j.createUninitializedDetached(DataType.FLOAT, (bytes + Float.BYTES - 1) / Float.BYTES);
    }

    /**
     * This thread's scratch storage number {@code slot} of at least {@code desc}'s size, grown on demand and shared by
     * all layers: for tensors that live only during one primitive call (the bfloat16 copies of activations).
     */
    public static INDArray scratch(int slot, dnnl_memory_desc_t desc) {
        INDArray[] buffers = SCRATCH.get();
        long bytes = dnnl_memory_desc_get_size(desc);
        if (buffers[slot] == null || buffers[slot].length() * Float.BYTES < bytes) {
            buffers[slot] = buffer(desc);
        }
        return buffers[slot];
    }

    public static dnnl_primitive primitive(dnnl_primitive_desc desc) {
        dnnl_primitive primitive = new dnnl_primitive();
        check(dnnl_primitive_create(primitive, desc), "primitive creation");
        return primitive;
    }

    /** Runs {@code primitive} on the arrays' buffers: {@code args[i]} is a DNNL_ARG_* kind for {@code arrays[i]}. */
    public static void execute(dnnl_primitive primitive, int[] args, dnnl_memory_desc_t[] descs, INDArray[] arrays) {
        dnnl_exec_arg_t execArgs = new dnnl_exec_arg_t(args.length);
        dnnl_memory[] memories = new dnnl_memory[args.length];
        try {
            for (int i = 0; i < args.length; i++) {
                memories[i] = new dnnl_memory();
                // addressPointer() of an ND4J view already points at its first element
                check(dnnl_memory_create(memories[i], descs[i], engine, arrays[i].data().addressPointer()),
                        "memory creation");
                execArgs.position(i).arg(args[i]).memory(memories[i]);
            }
            dnnl_stream stream = STREAM.get();
            check(dnnl_primitive_execute(primitive, stream, args.length, execArgs.position(0)), "execution");
            check(dnnl_stream_wait(stream), "stream wait");
        } finally {
            for (dnnl_memory memory : memories) {
                if (memory != null && !memory.isNull()) {
                    dnnl_memory_destroy(memory);
                }
            }
            execArgs.close();
        }
    }
}
