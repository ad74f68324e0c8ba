package org.zoo4j.onnx;

import onnx.Onnx;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Appends ONNX nodes and initializers to a graph under construction, naming intermediate values uniquely: what an
 * {@link OnnxConverter} writes with.
 */
public final class OnnxGraph {

    private final Onnx.GraphProto.Builder graph;
    private int counter;

    OnnxGraph(Onnx.GraphProto.Builder graph) {
        this.graph = graph;
    }

    /** A new value name derived from {@code base}. */
    public String fresh(String base) {
        return base + "__" + counter++;
    }

    /** Adds a node and returns the name of its (single) output. */
    public String node(String op, String output, List<String> inputs, Onnx.AttributeProto... attributes) {
        Onnx.NodeProto.Builder node = Onnx.NodeProto.newBuilder().setOpType(op).setName(output).addOutput(output)
                .addAllInput(inputs);
        for (Onnx.AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        graph.addNode(node);
        return output;
    }

    /** A float tensor constant (weights), row-major, with the given ONNX shape. */
    public String floats(String name, INDArray values, long... shape) {
        INDArray data = values.castTo(DataType.FLOAT).dup('c');
        ByteBuffer bytes = ByteBuffer.allocate((int) data.length() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(data.data().asFloat(), 0, (int) data.length());
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name)
                .setDataType(Onnx.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : shape.length > 0 ? shape : data.shape()) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** An int64 tensor constant (shapes, indices, pads). */
    public String longs(String name, long... values) {
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name)
                .setDataType(Onnx.TensorProto.DataType.INT64.getNumber()).addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return name;
    }

    public static Onnx.AttributeProto ints(String name, long... values) {
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name)
                .setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    public static Onnx.AttributeProto integer(String name, long value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT)
                .setI(value).build();
    }

    public static Onnx.AttributeProto real(String name, double value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.FLOAT)
                .setF((float) value).build();
    }
}
