package org.zoo4j.spark;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.dataset.DataSet;
import org.zoo4j.data.EpochIterator;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Executor side: worker {@code w}'s batches of an averaging round, the round's {@code w}-th run of consecutive
 * batches, made by a copy of the run's own iterator (broadcast once), so the batches are exactly those of a
 * single-machine epoch: same order, same augmentation.
 */
final class EpochSlice implements FlatMapFunction<Integer, DataSet> {

    private final Broadcast<EpochIterator> data;
    private final int epoch;
    private final int start;
    private final int end;
    private final int perWorker;

    /** Batches {@code start} (inclusive) to {@code end} (exclusive) of {@code epoch}, {@code perWorker} each. */
    EpochSlice(Broadcast<EpochIterator> data, int epoch, int start, int end, int perWorker) {
        this.data = data;
        this.epoch = epoch;
        this.start = start;
        this.end = end;
        this.perWorker = perWorker;
    }

    @Override
    public Iterator<DataSet> call(Integer worker) {
        int from = Math.min(end, start + worker * perWorker);
        int to = Math.min(end, from + perWorker);
        EpochIterator it = data.value().copy(); // tasks of one executor share the broadcast value
        it.setPosition(epoch, from);
        return new Iterator<>() {
            private int next = from;

            @Override
            public boolean hasNext() {
                return next < to && it.hasNext();
            }

            @Override
            public DataSet next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                next++;
                return it.next();
            }
        };
    }
}
