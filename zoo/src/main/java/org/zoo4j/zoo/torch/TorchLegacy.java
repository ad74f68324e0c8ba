package org.zoo4j.zoo.torch;

import org.zoo4j.core.file.ReadBudget;
import org.zoo4j.core.UntrustedText;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's legacy checkpoint ({@code torch.save} before 1.6, or with {@code _use_new_zipfile_serialization=False}),
 * as many published CIFAR checkpoints of 2017-2019 are: five pickles one after another (PyTorch's magic number,
 * protocol version 1001, system information, the object, the storage keys), then each storage in the keys' order as
 * its element count (8 bytes, little-endian) and raw bytes. Read by the same restricted unpickler as zip checkpoints.
 */
final class TorchLegacy {

    private static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL = 1001;

    private TorchLegacy() {
    }

    static TorchWeights read(Path file, ReadBudget budget) throws IOException {
        long size = Files.size(file);
        if (size > ReadBudget.MAX_ARRAY) {
            throw new IOException("it is a legacy checkpoint of " + size + " bytes, more than one array holds");
        }
        budget.charge(size, "the file");
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, StateDictUnpickler.Storage> storages = new HashMap<>();
        if (!MAGIC.equals(StateDictUnpickler.next(in, storages))) {
            throw new IOException("it is a pickle, but not a PyTorch checkpoint (no magic number)");
        }
        Object protocol = StateDictUnpickler.next(in, storages);
        if (!Long.valueOf(PROTOCOL).equals(protocol)) {
            throw new IOException("its legacy protocol is " + protocol + "; zoo4j reads " + PROTOCOL);
        }
        if (!(StateDictUnpickler.next(in, storages) instanceof Map<?, ?> system)
                || !Boolean.TRUE.equals(system.get("little_endian"))) {
            throw new IOException("its tensors are not little-endian");
        }
        Object root = StateDictUnpickler.next(in, storages);
        if (!(StateDictUnpickler.next(in, storages) instanceof List<?> keys)) {
            throw new IOException("it lists no storage keys after its object");
        }
        Map<String, byte[]> data = new HashMap<>();
        for (Object key : keys) {
            StateDictUnpickler.Storage storage = storages.get(key);
            if (storage == null) {
                throw new IOException("it stores " + UntrustedText.quote(String.valueOf(key)) + ", which its object "
                        + "does not name");
            }
            long elements = in.getLong();
            if (elements != storage.elements()) {
                throw new IOException("its storage " + UntrustedText.quote(storage.key()) + " holds " + elements
                        + " elements, " + storage.elements() + " named");
            }
            long bytes = Math.multiplyExact(elements, storage.type().width());
            if (bytes > in.remaining()) {
                throw new IOException("its storage " + UntrustedText.quote(storage.key()) + " needs " + bytes
                        + " bytes, " + in.remaining() + " are left");
            }
            data.put(storage.key(), Arrays.copyOfRange(in.array(), in.position(), in.position() + (int) bytes));
            in.position(in.position() + (int) bytes);
        }
        return new TorchWeights(TorchWeights.stateDict(root, storage -> {
            byte[] bytes = data.get(storage.key());
            if (bytes == null) {
                throw new IOException("its storage " + UntrustedText.quote(storage.key()) + " is missing");
            }
            return bytes;
        }, budget), Map.of(), "pytorch-legacy");
    }
}
