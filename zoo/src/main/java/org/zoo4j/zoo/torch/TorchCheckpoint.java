package org.zoo4j.zoo.torch;

import org.zoo4j.core.file.ReadBudget;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * PyTorch's zip checkpoint ({@code torch.save} since 1.6): {@code ARCHIVE/data.pkl}, the pickled object, whose
 * persistent ids name the raw storages {@code ARCHIVE/data/KEY}; {@code ARCHIVE/byteorder} says "little" where present.
 */
final class TorchCheckpoint {

    /** The pickle of a state dict is small next to its tensors; a larger one is not a checkpoint. */
    private static final long MAX_PICKLE = 64L << 20;

    private TorchCheckpoint() {
    }

    static TorchWeights read(ZipFile zip, ZipEntry pickle, ReadBudget budget) throws IOException {
        String archive = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
        ZipEntry byteOrder = zip.getEntry(archive + "byteorder");
        if (byteOrder != null) {
            String order = new String(budget.readAtMost(zip, byteOrder, 16), StandardCharsets.US_ASCII).strip();
            if (!order.equals("little")) {
                throw new IOException("its tensors are " + order + "-endian; zoo4j reads little-endian checkpoints");
            }
        }
        if (pickle.getSize() > MAX_PICKLE) {
            throw new IOException("its data.pkl is " + pickle.getSize() + " bytes; a state dict's is far smaller");
        }
        byte[] bytes = pickle.getSize() >= 0 ? budget.read(zip, pickle, pickle.getSize())
                : budget.readAtMost(zip, pickle, MAX_PICKLE);
        Object root = StateDictUnpickler.load(bytes, (type, key, elements) -> {
            DataType dataType = StateDictUnpickler.STORAGE_TYPES.get(type);
            ZipEntry entry = zip.getEntry(archive + "data/" + key);
            if (entry == null) {
                throw new IOException("its storage " + key + " is missing (no " + archive + "data/" + key + ")");
            }
            if (elements < 0) {
                throw new IOException("its storage " + key + " claims " + elements + " elements");
            }
            return new StateDictUnpickler.Storage(dataType, budget.read(zip, entry,
                    Math.multiplyExact(elements, dataType.width())), elements);
        }, budget);
        return new TorchWeights(TorchWeights.stateDict(root), Map.of(), "pytorch");
    }
}
