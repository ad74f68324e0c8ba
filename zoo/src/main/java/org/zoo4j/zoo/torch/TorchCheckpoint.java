package org.zoo4j.zoo.torch;

import org.zoo4j.core.file.ReadBudget;
import org.zoo4j.core.UntrustedText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
        Map<String, StateDictUnpickler.Storage> storages = new HashMap<>();
        Object root = StateDictUnpickler.load(bytes, storages);
        Map<String, byte[]> read = new HashMap<>();
        TorchWeights.StorageBytes data = storage -> {
            if (!read.containsKey(storage.key())) {
                ZipEntry entry = zip.getEntry(archive + "data/" + storage.key());
                if (entry == null) {
                    throw new IOException("its storage " + UntrustedText.quote(storage.key()) + " is missing (no "
                            + UntrustedText.quote(archive + "data/" + storage.key()) + ")");
                }
                read.put(storage.key(), budget.read(zip, entry,
                        Math.multiplyExact(storage.elements(), storage.type().width())));
            }
            return read.get(storage.key());
        };
        return new TorchWeights(TorchWeights.stateDict(root, data, budget), Map.of(), "pytorch");
    }
}
