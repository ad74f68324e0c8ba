package org.zoo4j.zoo.torch;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.zoo4j.core.file.ReadBudget;
import org.zoo4j.core.UntrustedText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * PyTorch weights as a state dict, read in Java from the files they are published in: {@code .safetensors} (Hugging
 * Face, timm), PyTorch's checkpoints ({@code torch.save} since 1.6: {@code .pth}, {@code .pt}; and its legacy format
 * before that, {@code .pth}, {@code .th}), and {@code .npz}
 * ({@code tools/torch/export_npz.py}). The format is told by the file's content, not its name. Every file is untrusted:
 * no code runs (pickles go through {@link StateDictUnpickler}), and sizes are checked before memory is taken. A
 * checkpoint as training scripts save it is unwrapped (its dict under {@code state_dict}, {@code model_state_dict} or
 * {@code model}), and DataParallel's {@code module.} prefix dropped when every name has it.
 *
 * @param tensors  float tensors by state dict name
 * @param metadata the file's own description (safetensors' {@code __metadata__}); empty for other formats
 * @param format   "safetensors", "pytorch", "pytorch-legacy" or "npz"
 */
public record TorchWeights(Map<String, INDArray> tensors, Map<String, String> metadata, String format) {

    static final List<String> CONTAINER_KEYS = List.of("state_dict", "model_state_dict", "model");
    static final String WRAPPER_PREFIX = "module.";

    public TorchWeights {
        tensors = Collections.unmodifiableMap(stripWrapper(tensors));
        metadata = Map.copyOf(metadata);
    }

    /**
     * Reads a weights file.
     *
     * @throws IOException naming the file and what is wrong with it, in one line
     */
    public static TorchWeights read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no weights file here");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        }
        try {
            if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                return zip(file);
            } else if (Safetensors.looksLike(head)) {
                return Safetensors.read(file);
            } else if (head.length > 0 && (head[0] & 0xff) == 0x80) {
                return TorchLegacy.read(file, ReadBudget.of(file));
            }
            throw new IOException("it is none of the weights formats zoo4j reads (.safetensors, a PyTorch "
                    + "checkpoint .pth/.pt/.th, .npz)");
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + " is not a readable weights file (" + UntrustedText.oneLine(e.getMessage())
                    + ")", e);
        }
    }

    private static TorchWeights zip(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ReadBudget budget = ReadBudget.of(file);
            ZipEntry pickle = zip.stream().filter(e -> e.getName().endsWith("data.pkl")
                    && e.getName().indexOf('/') == e.getName().lastIndexOf('/')).findFirst().orElse(null);
            if (pickle != null) {
                return TorchCheckpoint.read(zip, pickle, budget);
            }
            return npz(zip, budget);
        }
    }

    /** numpy's .npz: .npy entries, each a header (dtype, order, shape) checked against its data before it is read. */
    private static TorchWeights npz(ZipFile zip, ReadBudget budget) throws IOException {
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        for (ZipEntry entry : Collections.list(zip.entries())) {
            if (!entry.getName().endsWith(".npy")) {
                throw new IOException("it holds " + UntrustedText.quote(entry.getName()) + ", which is not an .npy array");
            }
            String name = entry.getName().substring(0, entry.getName().length() - 4);
            tensors.put(name, Npy.parse(UntrustedText.quote(name), budget.readAtMost(zip, entry, ReadBudget.MAX_ARRAY)));
        }
        if (tensors.isEmpty()) {
            throw new IOException("it holds no arrays");
        }
        return new TorchWeights(tensors, Map.of(), "npz");
    }

    /** The bytes of a checkpoint's storages, as its format keeps them. */
    interface StorageBytes {
        /** Exactly the storage's elements' bytes, little-endian. */
        byte[] of(StateDictUnpickler.Storage storage) throws IOException;
    }

    /**
     * The state dict inside a checkpoint's top-level object (see the class comment), its tensors read from their
     * storages: each float copy charged to the file's budget first, as views (zero strides, one storage under many
     * tensors) can ask for far more than the file holds. Tensors outside the state dict (an optimizer's) are not read.
     */
    static Map<String, INDArray> stateDict(Object root, StorageBytes storages, ReadBudget budget) throws IOException {
        Object state = root;
        if (root instanceof Map<?, ?> map) {
            for (String key : CONTAINER_KEYS) {
                if (map.get(key) instanceof Map<?, ?>) {
                    state = map.get(key);
                    break;
                }
            }
        }
        if (!(state instanceof Map<?, ?> dict) || dict.isEmpty()) {
            throw new IOException("it holds no state dict: expected a dict of tensors, or one under "
                    + String.join(", ", CONTAINER_KEYS));
        }
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        List<String> others = new java.util.ArrayList<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (e.getKey() instanceof String name && e.getValue() instanceof StateDictUnpickler.TensorView t) {
                String what = "tensor " + UntrustedText.quote(name);
                budget.charge(RawTensors.elements(t.shape(), what) * Float.BYTES, "its tensors");
                tensors.put(name, RawTensors.toFloat(storages.of(t.storage()), t.storage().type(), t.shape(),
                        t.stride(), t.offset(), what));
            } else if (others.size() < 5) {
                others.add(UntrustedText.quote(String.valueOf(e.getKey())));
            }
        }
        if (!others.isEmpty()) {
            throw new IOException("its state dict holds entries that are not tensors: " + others);
        }
        return tensors;
    }

    private static Map<String, INDArray> stripWrapper(Map<String, INDArray> tensors) {
        if (tensors.isEmpty() || !tensors.keySet().stream().allMatch(k -> k.startsWith(WRAPPER_PREFIX))) {
            return new LinkedHashMap<>(tensors);
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> out.put(k.substring(WRAPPER_PREFIX.length()), v));
        return out;
    }
}
