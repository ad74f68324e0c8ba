import ai.onnxruntime.*;
import java.nio.FloatBuffer;
import java.util.*;

/** ONNX Runtime (Java, CPU) inference speed of an exported model: median images/s over 10 timed runs after 3. Args: FILE BATCH SIZE. */
public class OrtBench {
    public static void main(String[] args) throws Exception {
        String file = args[0];
        int batch = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(2);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        try (OrtSession session = env.createSession(file, options)) {
            float[] data = new float[batch * 3 * size * size];
            Random r = new Random(1);
            for (int i = 0; i < data.length; i++) data[i] = (float) r.nextGaussian();
            double[] rates = new double[10];
            for (int i = -3; i < rates.length; i++) {
                try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), new long[]{batch, 3, size, size})) {
                    long t = System.nanoTime();
                    try (OrtSession.Result res = session.run(Map.of("input", x))) { }
                    if (i >= 0) rates[i] = batch / ((System.nanoTime() - t) / 1e9);
                }
            }
            Arrays.sort(rates);
            System.out.printf(Locale.ROOT, "%s ORT-Java batch %d: median %.1f img/s (min %.1f, max %.1f)%n", file, batch,
                    rates[5], rates[0], rates[9]);
        }
    }
}
