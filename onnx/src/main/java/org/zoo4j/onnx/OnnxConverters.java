package org.zoo4j.onnx;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The converter of each layer and vertex configuration class that {@link OnnxExport} writes: zoo4j's
 * ({@link StandardConverters}) and those users {@link #register}. A class without one of its own takes its nearest
 * superclass's (DL4J's {@code ConvolutionLayer} covers zoo4j's {@code FastConvolution}).
 */
public final class OnnxConverters {

    private static final Map<Class<?>, OnnxConverter<?>> CONVERTERS = new LinkedHashMap<>();

    static {
        StandardConverters.registerAll();
    }

    private OnnxConverters() {
    }

    /** Exports {@code type} (and its subclasses without a converter of their own) with {@code converter}. */
    public static synchronized <T> void register(Class<T> type, OnnxConverter<? super T> converter) {
        CONVERTERS.put(type, converter);
    }

    /** The converter for this configuration, or null when it has no ONNX form. */
    @SuppressWarnings("unchecked")
    static synchronized OnnxConverter<Object> find(Object conf) {
        for (Class<?> c = conf.getClass(); c != null; c = c.getSuperclass()) {
            OnnxConverter<Object> converter = (OnnxConverter<Object>) CONVERTERS.get(c);
            if (converter != null) {
                return converter.accepts(conf) ? converter : null;
            }
        }
        return null;
    }
}
