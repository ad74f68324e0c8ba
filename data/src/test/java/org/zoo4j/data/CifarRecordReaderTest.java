package org.zoo4j.data;

import org.datavec.api.split.FileSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CifarRecordReaderTest {

    @Test
    void feedsRecordReaderDataSetIterator(@TempDir Path tmp) throws Exception {
        Path dir = CifarFiles.directory(tmp, 3);
        CifarRecordReader reader = new CifarRecordReader();
        reader.initialize(new FileSplit(dir.resolve("data_batch_1.bin").toFile()));

        RecordReaderDataSetIterator it = new RecordReaderDataSetIterator(reader, 2, 1, Cifar10.CLASSES);
        DataSet first = it.next();
        assertThat(first.getFeatures().shape()).containsExactly(2, 3, 32, 32);
        assertThat(first.getFeatures().getFloat(1, 2, 4, 6)).isEqualTo(CifarFiles.pixel(1, 2, 4, 6));
        assertThat(first.getLabels().getRow(1).argMax().getInt(0)).isEqualTo(1);
        assertThat(it.next().getFeatures().size(0)).isEqualTo(1);
        assertThat(it.hasNext()).isFalse();

        it.reset();
        assertThat(it.next().getFeatures()).isEqualTo(first.getFeatures());
        assertThat(reader.getLabels()).containsExactlyElementsOf(Cifar10.CLASS_NAMES);
    }

    @Test
    void metadataReloadsTheSameRecord() throws Exception {
        CifarRecordReader reader = new CifarRecordReader(CifarFiles.records(5));
        reader.next();
        var record = reader.nextRecord();
        assertThat(reader.loadFromMetaData(record.getMetaData()).getRecord()).isEqualTo(record.getRecord());
    }
}
