package org.zoo4j.data;

import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A DataVec {@code RecordReader} for the CIFAR-10 binary format, for pipelines built on
 * {@code RecordReaderDataSetIterator} (label index 1, 10 classes). Each record is
 * {@code [NDArrayWritable image [1, 3, 32, 32] with raw values 0..255, IntWritable label]}; normalise with a DataVec
 * or ND4J preprocessor (e.g. {@code ImagePreProcessingScaler}). Initialise it with an {@code InputSplit} of batch
 * files ({@code new FileSplit(dir, new String[]{"bin"})}) or construct it over records already read. For training,
 * {@link ImageDatasetIterator} is the faster path (augmentation included).
 */
public class CifarRecordReader extends BaseRecordReader {

    private CifarRecords records;
    private URI uri;
    private int cursor;
    private Configuration conf;

    /** Reads the files of the split given to {@link #initialize(InputSplit)}. */
    public CifarRecordReader() {
    }

    public CifarRecordReader(CifarRecords records) {
        this.records = records;
    }

    @Override
    public void initialize(InputSplit split) throws IOException, InterruptedException {
        super.initialize(split);
        CifarReader.Records read = new CifarReader.Records();
        List<String> names = new ArrayList<>();
        for (URI location : split.locations()) {
            try (InputStream in = streamCreatorFn.apply(location)) {
                read.add(location.toString(), in.readAllBytes());
            }
            names.add(location.toString());
            uri = location;
        }
        records = read.build(Cifar10.CLASS_NAMES, String.join(", ", names));
        cursor = 0;
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) throws IOException, InterruptedException {
        setConf(conf);
        initialize(split);
    }

    @Override
    public boolean hasNext() {
        return records != null && cursor < records.size();
    }

    @Override
    public List<Writable> next() {
        if (!hasNext()) {
            throw new NoSuchElementException(records == null ? "CifarRecordReader is not initialised"
                    : "no more records in " + records.source() + ": call reset()");
        }
        List<Writable> record = writables(records, cursor++);
        invokeListeners(record);
        return record;
    }

    private static List<Writable> writables(CifarRecords records, int index) {
        byte[] image = records.pixels(index);
        float[] values = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            values[i] = image[i] & 0xff;
        }
        INDArray array = Nd4j.create(values, new long[]{1, Cifar10.CHANNELS, Cifar10.SIZE, Cifar10.SIZE}, 'c');
        return List.of(new NDArrayWritable(array), new IntWritable(records.label(index)));
    }

    @Override
    public Record nextRecord() {
        int index = cursor;
        return new org.datavec.api.records.impl.Record(next(), new RecordMetaDataIndex(index, uri, CifarRecordReader.class));
    }

    @Override
    public Record loadFromMetaData(RecordMetaData meta) {
        int index = (int) ((RecordMetaDataIndex) meta).getIndex();
        return new org.datavec.api.records.impl.Record(writables(records, index), meta);
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> metas) {
        return metas.stream().map(this::loadFromMetaData).toList();
    }

    /** One record read from a stream positioned at its label byte. */
    @Override
    public List<Writable> record(URI uri, DataInputStream stream) throws IOException {
        byte[] data = stream.readNBytes(Cifar10.RECORD_BYTES);
        CifarReader.Records one = new CifarReader.Records();
        one.add(uri.toString(), data);
        return writables(one.build(Cifar10.CLASS_NAMES, uri.toString()), 0);
    }

    @Override
    public List<String> getLabels() {
        return records == null ? Cifar10.CLASS_NAMES : records.classes();
    }

    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public void close() {
        // records live in memory; nothing to release
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }
}
