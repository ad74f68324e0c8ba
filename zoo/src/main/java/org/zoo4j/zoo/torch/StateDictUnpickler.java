package org.zoo4j.zoo.torch;

import org.zoo4j.core.UntrustedText;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pickle reader for what {@code torch.save(state_dict)} writes, and nothing else: the opcodes of pickle protocols 2-4
 * that build numbers, strings, tuples, lists and dicts, and calls of a short list of globals (as PyTorch's own
 * {@code weights_only} loader admits): {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2} (and
 * PyTorch 0.3's {@code _rebuild_tensor}), {@code torch._utils._rebuild_parameter} and the storage types. Any other global is refused when it is met, before
 * anything is called, naming it; no Python class is ever instantiated. Tensors are views of storages, read later.
 */
final class StateDictUnpickler {

    /** A storage as a persistent id names it: its key, element type (ND4J's name for it) and element count. */
    record Storage(org.nd4j.linalg.api.buffer.DataType type, String key, long elements) {
    }

    /**
     * A tensor as the pickle describes it, a view of a storage; its values are read only for the tensors of the state
     * dict ({@link RawTensors}, which checks the view against the storage's bytes).
     */
    record TensorView(Storage storage, long offset, long[] shape, long[] stride) {
    }

    private record Global(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    private record Tuple(List<Object> items) {
    }

    private static final Global ORDERED_DICT = new Global("collections", "OrderedDict");
    private static final Global REBUILD_TENSOR = new Global("torch._utils", "_rebuild_tensor_v2");
    /** PyTorch 0.3's, with the same first four arguments. */
    private static final Global REBUILD_TENSOR_V1 = new Global("torch._utils", "_rebuild_tensor");
    private static final Global REBUILD_PARAMETER = new Global("torch._utils", "_rebuild_parameter");
    static final Map<String, org.nd4j.linalg.api.buffer.DataType> STORAGE_TYPES = Map.of(
            "DoubleStorage", org.nd4j.linalg.api.buffer.DataType.DOUBLE,
            "FloatStorage", org.nd4j.linalg.api.buffer.DataType.FLOAT,
            "HalfStorage", org.nd4j.linalg.api.buffer.DataType.HALF,
            "BFloat16Storage", org.nd4j.linalg.api.buffer.DataType.BFLOAT16,
            "LongStorage", org.nd4j.linalg.api.buffer.DataType.LONG,
            "IntStorage", org.nd4j.linalg.api.buffer.DataType.INT,
            "ShortStorage", org.nd4j.linalg.api.buffer.DataType.SHORT,
            "CharStorage", org.nd4j.linalg.api.buffer.DataType.BYTE,
            "ByteStorage", org.nd4j.linalg.api.buffer.DataType.UBYTE,
            "BoolStorage", org.nd4j.linalg.api.buffer.DataType.BOOL);
    private static final Set<Global> CALLABLE = Set.of(ORDERED_DICT, REBUILD_TENSOR, REBUILD_TENSOR_V1,
            REBUILD_PARAMETER);
    /** Objects on the stack, open marks, and memo entries: a state dict needs a few per tensor. */
    private static final int MAX_DEPTH = 100_000;
    private static final int MAX_MEMO = 1 << 20;
    private static final int MAX_NAME = 256;

    private final ByteBuffer in;
    private final Map<String, Storage> storages;
    private final Deque<Object> stack = new ArrayDeque<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private StateDictUnpickler(ByteBuffer in, Map<String, Storage> storages) {
        this.in = in;
        this.storages = storages;
    }

    /**
     * The object one pickle builds: dicts as maps, tuples and lists as lists, numbers and strings as themselves,
     * tensors as {@link TensorView}s; {@code storages} collects the storages they name, by key.
     */
    static Object load(byte[] pickle, Map<String, Storage> storages) throws IOException {
        return next(ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN), storages);
    }

    /** The object of the pickle at {@code in}'s position, which ends after its STOP (pickles can follow each other). */
    static Object next(ByteBuffer in, Map<String, Storage> storages) throws IOException {
        try {
            return new StateDictUnpickler(in, storages).run();
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException("its pickle ends in the middle of an instruction");
        } catch (ClassCastException | java.util.NoSuchElementException | IndexOutOfBoundsException e) {
            throw new IOException("its pickle is malformed (" + e.getClass().getSimpleName() + ")");
        } catch (NullPointerException e) { // a None where an instruction needs a value
            throw new IOException("its pickle is malformed (a None where a value belongs)");
        }
    }

    private Object run() throws IOException {
        while (true) {
            int op = in.get() & 0xff;
            switch (op) {
                case 0x80 -> in.get(); // PROTO
                case 0x95 -> in.getLong(); // FRAME
                case '.' -> { // STOP
                    return pop();
                }
                case '(' -> mark(); // MARK
                case '}' -> push(new LinkedHashMap<>()); // EMPTY_DICT
                case ']' -> push(new ArrayList<>()); // EMPTY_LIST
                case ')' -> push(new Tuple(List.of())); // EMPTY_TUPLE
                case 'N' -> push(null); // NONE
                case 0x88 -> push(Boolean.TRUE); // NEWTRUE
                case 0x89 -> push(Boolean.FALSE); // NEWFALSE
                case 'J' -> push((long) in.getInt()); // BININT
                case 'K' -> push((long) (in.get() & 0xff)); // BININT1
                case 'M' -> push((long) (in.getShort() & 0xffff)); // BININT2
                case 0x8a -> push(long1(in.get() & 0xff)); // LONG1
                case 'G' -> push(bigEndianDouble()); // BINFLOAT
                case 'X' -> push(text(length(in.getInt()))); // BINUNICODE
                case 0x8c -> push(text(in.get() & 0xff)); // SHORT_BINUNICODE
                case 0x8d -> push(text(length(in.getLong()))); // BINUNICODE8
                case 'T' -> push(text(length(in.getInt()))); // BINSTRING
                case 'U' -> push(text(in.get() & 0xff)); // SHORT_BINSTRING
                case 'B' -> push(bytes(length(in.getInt()))); // BINBYTES
                case 'C' -> push(bytes(in.get() & 0xff)); // SHORT_BINBYTES
                case 'q' -> memoize(in.get() & 0xff); // BINPUT
                case 'r' -> memoize(in.getInt()); // LONG_BINPUT
                case 0x94 -> memoize(memo.size()); // MEMOIZE
                case 'h' -> push(memo(in.get() & 0xff)); // BINGET
                case 'j' -> push(memo(in.getInt())); // LONG_BINGET
                case 't' -> push(new Tuple(popToMark())); // TUPLE
                case 0x85 -> push(tuple(1)); // TUPLE1
                case 0x86 -> push(tuple(2)); // TUPLE2
                case 0x87 -> push(tuple(3)); // TUPLE3
                case 'a' -> { // APPEND
                    Object item = pop();
                    list(stack.peek()).add(item);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popToMark();
                    list(stack.peek()).addAll(items);
                }
                case 's' -> { // SETITEM
                    Object value = pop();
                    Object key = key(pop());
                    dict(stack.peek()).put(key, value);
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popToMark();
                    Map<Object, Object> dict = dict(stack.peek());
                    for (int i = 0; i + 1 < items.size(); i += 2) {
                        dict.put(key(items.get(i)), items.get(i + 1));
                    }
                }
                case 'c' -> push(global(line(), line())); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    String name = (String) pop();
                    push(global(bounded((String) pop()), bounded(name)));
                }
                case 'Q' -> push(persistent(pop())); // BINPERSID
                case 'R' -> { // REDUCE
                    Tuple args = (Tuple) pop();
                    push(call(pop(), args.items()));
                }
                case 'b' -> { // BUILD: an OrderedDict's state (state_dict's _metadata) is not needed
                    Object state = pop();
                    if (!(stack.peek() instanceof Map<?, ?>) || !(state instanceof Map<?, ?> || state == null)) {
                        throw new IOException("its pickle sets the state of a " + describe(stack.peek())
                                + ", which a state dict does not hold");
                    }
                }
                default -> throw new IOException(String.format("its pickle uses opcode 0x%02x, which a state dict "
                        + "saved by torch.save does not", op));
            }
        }
    }

    private Object global(String module, String name) throws IOException {
        Global g = new Global(module, name);
        if (CALLABLE.contains(g) || (module.equals("torch") && STORAGE_TYPES.containsKey(name))) {
            return g;
        }
        throw new IOException("its pickle names the global " + UntrustedText.quote(g.toString()) + ", which a state dict does not hold (zoo4j "
                + "reads tensors and plain containers only, as torch.load(weights_only=True) does)");
    }

    private Object call(Object callable, List<Object> args) throws IOException {
        if (ORDERED_DICT.equals(callable)) {
            if (!args.isEmpty()) {
                throw new IOException("its pickle calls OrderedDict with arguments");
            }
            return new LinkedHashMap<>();
        } else if (REBUILD_PARAMETER.equals(callable)) {
            return args.get(0);
        } else if (REBUILD_TENSOR.equals(callable) || REBUILD_TENSOR_V1.equals(callable)) {
            return new TensorView((Storage) args.get(0), (Long) args.get(1), longs(args.get(2)), longs(args.get(3)));
        }
        throw new IOException("its pickle calls " + describe(callable) + ", which is not a function");
    }

    /**
     * ('storage', storage_type, key, location, numel), as torch.save names a storage; the legacy format adds a sixth,
     * view_metadata, None unless the storage is a view of another.
     */
    private Object persistent(Object pid) throws IOException {
        List<Object> id = ((Tuple) pid).items();
        if (id.size() < 5 || id.size() > 6 || !"storage".equals(id.get(0)) || !(id.get(1) instanceof Global type)) {
            throw new IOException("its pickle names a persistent object that is not a storage");
        }
        if (id.size() == 6 && id.get(5) != null) {
            throw new IOException("its pickle names a view of a storage, which zoo4j does not read");
        }
        Storage storage = new Storage(STORAGE_TYPES.get(type.name()), (String) id.get(2), (Long) id.get(4));
        if (storage.type() == null) {
            throw new IOException("its pickle names a storage of type " + type);
        }
        if (storage.elements() < 0) {
            throw new IOException("its storage " + UntrustedText.quote(storage.key()) + " claims " + storage.elements()
                    + " elements");
        }
        Storage known = storages.putIfAbsent(storage.key(), storage);
        if (known != null && !known.equals(storage)) {
            throw new IOException("its storage " + UntrustedText.quote(storage.key()) + " is named with two sizes or "
                    + "types");
        }
        return storage;
    }

    private static long[] longs(Object tuple) {
        return ((Tuple) tuple).items().stream().mapToLong(o -> (Long) o).toArray();
    }

    private Tuple tuple(int n) {
        Object[] items = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            items[i] = pop();
        }
        return new Tuple(Arrays.asList(items));
    }

    private List<Object> popToMark() throws IOException {
        if (marks.isEmpty()) {
            throw new IOException("its pickle closes a mark it never opened");
        }
        Object[] items = new Object[Math.max(0, stack.size() - marks.pop())];
        for (int i = items.length - 1; i >= 0; i--) { // from the top down: linear in the items
            items[i] = pop();
        }
        return Arrays.asList(items);
    }

    private void mark() throws IOException {
        if (marks.size() >= MAX_DEPTH) {
            throw new IOException("its pickle opens more than " + MAX_DEPTH + " marks");
        }
        marks.push(stack.size());
    }

    private void memoize(long index) throws IOException {
        if (memo.size() >= MAX_MEMO && !memo.containsKey(index)) {
            throw new IOException("its pickle stores more than " + MAX_MEMO + " memo entries");
        }
        memo.put(index, stack.peek());
    }

    /**
     * Dict keys are names or numbers (an optimizer's state is keyed by parameter index): a container as a key (a list,
     * which may hold itself) is not a checkpoint's.
     */
    private static Object key(Object key) throws IOException {
        if (key instanceof String || key instanceof Long || key instanceof BigInteger || key instanceof Double
                || key instanceof Boolean) {
            return key;
        }
        throw new IOException("its pickle keys a dict by a " + describe(key) + ", not a name or a number");
    }

    private static String bounded(String name) throws IOException {
        if (name.length() > MAX_NAME) {
            throw new IOException("its pickle names a global longer than " + MAX_NAME + " characters");
        }
        return name;
    }

    private void push(Object o) throws IOException {
        if (stack.size() >= MAX_DEPTH) {
            throw new IOException("its pickle's stack grows past " + MAX_DEPTH + " objects");
        }
        stack.push(o == null ? MARK_NONE : o);
    }

    /** ArrayDeque holds no nulls: Python's None stands in as this. */
    private static final Object MARK_NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    private Object pop() {
        Object o = stack.pop();
        return o == MARK_NONE ? null : o;
    }

    private Object memo(long index) throws IOException {
        if (!memo.containsKey(index)) {
            throw new IOException("its pickle reads memo entry " + index + ", which it never stored");
        }
        Object o = memo.get(index);
        return o == MARK_NONE ? null : o;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object o) throws IOException {
        if (o instanceof Map<?, ?> map) {
            return (Map<Object, Object>) map;
        }
        throw new IOException("its pickle sets an item of a " + describe(o));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) throws IOException {
        if (o instanceof List<?> list && !(o instanceof Tuple)) {
            return (List<Object>) list;
        }
        throw new IOException("its pickle appends to a " + describe(o));
    }

    private static String describe(Object o) {
        return o == null ? "None" : o instanceof Global g ? g.toString() : o.getClass().getSimpleName();
    }

    private Object long1(int n) {
        byte[] bytes = new byte[n];
        in.get(bytes);
        byte[] bigEndian = new byte[n];
        for (int i = 0; i < n; i++) {
            bigEndian[i] = bytes[n - 1 - i];
        }
        BigInteger value = n == 0 ? BigInteger.ZERO : new BigInteger(bigEndian);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private double bigEndianDouble() {
        double value = in.order(ByteOrder.BIG_ENDIAN).getDouble();
        in.order(ByteOrder.LITTLE_ENDIAN);
        return value;
    }

    private int length(long n) throws IOException {
        if (n < 0 || n > in.remaining()) {
            throw new IOException("its pickle declares a string of " + n + " bytes with " + in.remaining() + " left");
        }
        return (int) n;
    }

    private String text(int n) {
        byte[] bytes = new byte[n];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        in.get(bytes);
        return bytes;
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder();
        for (byte b = in.get(); b != '\n'; b = in.get()) {
            if (s.length() > MAX_NAME) {
                throw new IOException("its pickle names a global longer than " + MAX_NAME + " characters");
            }
            s.append((char) b);
        }
        return s.toString();
    }
}
