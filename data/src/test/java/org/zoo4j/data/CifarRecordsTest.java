package org.zoo4j.data;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CifarRecordsTest {

    private final CifarRecords records = CifarFiles.records(50);

    @Test
    void holdOutIsDeterministicDisjointAndComplete() {
        CifarRecords.Partition a = records.holdOut(10, 7);
        CifarRecords.Partition b = records.holdOut(10, 7);
        CifarRecords.Partition c = records.holdOut(10, 8);

        assertThat(a.validation().size()).isEqualTo(10);
        assertThat(a.train().size()).isEqualTo(40);
        assertThat(keys(a.validation())).isEqualTo(keys(b.validation()));
        assertThat(keys(a.validation())).isNotEqualTo(keys(c.validation()));
        Set<Integer> all = keys(a.train());
        assertThat(all).doesNotContainAnyElementsOf(keys(a.validation()));
        all.addAll(keys(a.validation()));
        assertThat(all).isEqualTo(keys(records));
        assertThat(records.holdOut(0.2, 7).validation().size()).isEqualTo(10);
    }

    @Test
    void limitKeepsTheFirstRecords() {
        CifarRecords first = records.limit(5);
        assertThat(first.size()).isEqualTo(5);
        assertThat(first.pixels(4)).isEqualTo(records.pixels(4));
        assertThat(records.limit(500)).isSameAs(records);
    }

    @Test
    void emptyOrImpossibleSplitsAreRefused() {
        assertThatThrownBy(() -> records.holdOut(50, 1)).hasMessageContaining("between 1 and 49");
        assertThatThrownBy(() -> records.holdOut(0, 1)).hasMessageContaining("between 1 and 49");
        assertThatThrownBy(() -> records.holdOut(1.5, 1)).hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> records.limit(0)).hasMessageContaining("limit must be >= 1");
    }

    /** A record's identity: its first pixel encodes its index in the pattern (r * 7 mod 256 is unique for r < 50). */
    private static Set<Integer> keys(CifarRecords r) {
        Set<Integer> keys = new HashSet<>();
        for (int i = 0; i < r.size(); i++) {
            keys.add(r.pixels(i)[0] & 0xff);
        }
        return keys;
    }
}
