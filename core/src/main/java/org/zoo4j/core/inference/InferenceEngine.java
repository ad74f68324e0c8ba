package org.zoo4j.core.inference;

import org.zoo4j.core.InvalidSettingException;
import org.zoo4j.core.file.ModelFile;
import org.zoo4j.layers.conv.ComputePrecision;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Who runs a model forward: DL4J itself ({@link Dl4jEngine}, built in), or an engine a jar on the class path
 * registers in {@code META-INF/services/org.zoo4j.core.inference.InferenceEngine} ({@code zoo4j-onnx} registers
 * ONNX Runtime), as DJL finds its engines.
 */
public interface InferenceEngine {

    /** The setting an unknown engine name is reported against. */
    String SETTING = "engine";
    /** The setting a precision the engine does not compute in is reported against. */
    String PRECISION = "precision";
    /** The name that lets {@link #fastest} choose. */
    String AUTO = "auto";

    /** The name users choose it by, lower case ({@code dl4j}, {@code onnxruntime}). */
    String name();

    /** What it is, in one line. */
    String description();

    /** The model run by this engine as it stands (DL4J: in the precision its convolutions are set to). */
    Inference open(ModelFile model);

    /**
     * The model run by this engine, its convolutions computing in {@code precision}; an engine that computes in
     * float32 only refuses any other.
     *
     * @throws InvalidSettingException (setting {@link #PRECISION}) when the engine does not compute in it
     * @throws IllegalStateException   when the machine or the model cannot compute in {@code precision}
     */
    default Inference open(ModelFile model, ComputePrecision precision) {
        if (precision != ComputePrecision.FLOAT32) {
            throw new InvalidSettingException(PRECISION, precision.name().toLowerCase() + " runs on the dl4j engine; "
                    + name() + " computes in float32 only");
        }
        return open(model);
    }

    /**
     * How this engine ranks where no engine is named ({@link #fastest}): higher first; DL4J's is 0. An engine ranks
     * above DL4J's where it is measured to run the zoo's models faster.
     */
    default int preference() {
        return 0;
    }

    /** Whether this engine can run {@code model} with its convolutions in {@code precision} (others: float32 only). */
    default boolean runs(ModelFile model, ComputePrecision precision) {
        return precision == ComputePrecision.FLOAT32;
    }

    /** The engine on the class path that ranks highest ({@link #preference}) among those that run the model. */
    static InferenceEngine fastest(ModelFile model, ComputePrecision precision) {
        return available().stream().filter(e -> e.runs(model, precision))
                .max(java.util.Comparator.comparingInt(InferenceEngine::preference)).orElse(Dl4jEngine.INSTANCE);
    }

    /** Every engine on the class path, DL4J's first: found once, when first asked for. */
    static List<InferenceEngine> available() {
        return Discovered.ENGINES;
    }

    /**
     * The engine of this name ({@link #AUTO} is not one: it asks for {@link #fastest} once the model is known).
     *
     * @throws InvalidSettingException (setting {@link #SETTING}) naming the engines there are
     */
    static InferenceEngine named(String name) {
        List<InferenceEngine> engines = available();
        return engines.stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new InvalidSettingException(SETTING, "'" + name + "' is not an engine on the class "
                        + "path; there are " + engines.stream().map(InferenceEngine::name).toList()
                        + (name.equalsIgnoreCase("onnxruntime") ? " (ONNX Runtime comes with zoo4j-onnx)" : "")));
    }

    /** The engines {@link ServiceLoader} finds, looked up once (the holder defers the lookup to first use). */
    final class Discovered {
        static final List<InferenceEngine> ENGINES;

        static {
            List<InferenceEngine> engines = new ArrayList<>(List.of(Dl4jEngine.INSTANCE));
            ServiceLoader.load(InferenceEngine.class).forEach(engines::add);
            ENGINES = List.copyOf(engines);
        }

        private Discovered() {
        }
    }
}
