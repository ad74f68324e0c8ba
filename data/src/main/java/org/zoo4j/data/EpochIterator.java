package org.zoo4j.data;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A {@link DataSetIterator} whose epochs are reproducible: the batches of epoch {@code e} (order, augmentation)
 * depend only on its settings and {@code e}. A trainer positions it with {@link #setEpoch} so that a resumed run sees
 * exactly the data an uninterrupted one would have.
 */
public interface EpochIterator extends DataSetIterator {

    /** The name an {@code InvalidSettingException} gives a batch size below 1. */
    String BATCH_SIZE = "batch size";

    /** Continues at the start of {@code epoch} (0-based). */
    void setEpoch(int epoch);

    /** Continues in {@code epoch} after its first {@code batchesDone} batches, as if they had been read. */
    void setPosition(int epoch, int batchesDone);

    /** Batches per epoch (the last one may be smaller). */
    int batchesPerEpoch();

    /**
     * A new iterator over the same (immutable) data with the same settings and buffers of its own, at the start of
     * epoch 0: for readers in parallel, such as the tasks of a Spark job, each reading its range of an epoch.
     */
    EpochIterator copy();
}
