package org.zoo4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zoo4j.core.inference.Inference;
import org.zoo4j.core.file.ModelFile;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * A model file run by ONNX Runtime: exported once in memory by {@link OnnxExport} (input in the model's own layout,
 * dynamic batch), then ORT's session with all its graph optimisations (BatchNorm folded into convolutions, bias and
 * activation fused) on as many threads as ND4J uses.
 */
public final class OnnxRuntimeModel implements Inference {

    private final OrtEnvironment env;
    private final OrtSession session;

    private OnnxRuntimeModel(OrtEnvironment env, OrtSession session) {
        this.env = env;
        this.session = session;
    }

    /**
     * @throws IllegalArgumentException when the model cannot be exported (a layer with no ONNX mapping, no input size)
     * @throws IllegalStateException    when ONNX Runtime refuses the model
     */
    public static OnnxRuntimeModel of(ModelFile model) {
        byte[] onnx = OnnxExport.export(model, new OnnxExport.Options(13, 0, model.card().layout())).toByteArray();
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(Nd4j.getEnvironment().maxThreads());
            return new OnnxRuntimeModel(env, env.createSession(onnx, options));
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime refused the exported model: " + e.getMessage(), e);
        }
    }

    @Override
    public INDArray output(INDArray features) {
        INDArray x = features.dataType() == DataType.FLOAT && !features.isView() && features.ordering() == 'c'
                ? features : features.castTo(DataType.FLOAT).dup('c');
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.data().asFloat()), x.shape());
             OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
            return Nd4j.create((float[][]) result.get(0).getValue());
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a batch of shape "
                    + java.util.Arrays.toString(features.shape()) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
