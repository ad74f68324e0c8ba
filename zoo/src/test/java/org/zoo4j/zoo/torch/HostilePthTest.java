package org.zoo4j.zoo.torch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zoo4j.core.file.ReadBudget;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zoo4j.zoo.torch.CraftedPickles.pickle;
import static org.zoo4j.zoo.torch.CraftedPickles.tensor;

/**
 * Checkpoints written by hand as an attacker would: each is refused in one line, quickly and without taking memory
 * out of proportion to the file; none reaches native code (a stride overflow used to crash the JVM in ND4J's assign).
 */
@Timeout(60)
class HostilePthTest {

    @TempDir
    Path tmp;

    @Test
    void stridesWhoseExtentOverflowsAreRefusedBeforeNativeCodeSeesThem() throws IOException {
        Path file = checkpoint("overflow.pth", tensor(new long[]{2, 2}, new long[]{1L << 62, 1L << 62}, 1), 4);
        assertThat(Files.size(file)).isLessThan(700);
        assertRefused(file, "tensor 'w': strides [4611686018427387904, 4611686018427387904] reach past any storage");
    }

    @Test
    void aStrideOrOffsetOutsideTheStorageIsRefused() throws IOException {
        assertRefused(checkpoint("far.pth", tensor(new long[]{2, 2}, new long[]{3, 1}, 4), 16),
                "tensor 'w': shape [2, 2] reaches element 4 of a storage of 4");
        assertRefused(checkpoint("negative.pth", tensor(new long[]{2}, new long[]{-1}, 4), 16),
                "tensor 'w': a negative stride -1");
    }

    @Test
    void zeroStridesCannotTurnOneStoredFloatIntoGigabytes() throws IOException {
        Path file = checkpoint("zeros.pth", tensor(new long[]{46_340, 46_340}, new long[]{0, 0}, 1), 4);
        assertThat(Files.size(file)).isLessThan(700);
        assertRefused(file, "its tensors would take more than");
    }

    @Test
    void aStridedViewIsCopiedInCOrder() throws IOException {
        // the transpose of [[0, 1, 2], [3, 4, 5]] stored in C order: shape (3, 2), strides (1, 3)
        ByteBuffer storage = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            storage.putFloat(i);
        }
        Path file = checkpoint("view.pth", tensor(new long[]{3, 2}, new long[]{1, 3}, 6), storage.array());
        float[] read = TorchWeights.read(file).tensors().get("w").data().asFloat();
        assertThat(read).containsExactly(0, 3, 1, 4, 2, 5);
    }

    @Test
    void aDictKeyedByAListThatHoldsItselfIsRefusedInOneLine() throws IOException {
        // {[[...]]: 1}: EMPTY_DICT, EMPTY_LIST, BINPUT 0, BINGET 0, APPEND, BININT1 1, SETITEM
        String ops = "}]q\u0000h\u0000aK\u0001s.";
        assertRefused(checkpoint("self.pth", pickle(ops)), "its pickle keys a dict by a ArrayList, not a name or a number");
    }

    @Test
    void aFloodOfMemoEntriesIsRefusedEarly() throws IOException {
        StringBuilder ops = new StringBuilder("N");
        ops.append("\u0094".repeat(2_000_000));
        Path file = checkpoint("memo.pth", pickle(ops + "."));
        assertRefused(file, "its pickle stores more than 1048576 memo entries");
    }

    @Test
    void aGlobalsNameIsQuotedWithItsControlCharactersEscaped() throws IOException {
        assertRefused(checkpoint("escape.pth", pickle("cos\u001b[2J\nsystem\n.")),
                "names the global 'os\\u001b[2J.system'");
    }

    @Test
    void entriesOfUnknownSizeReadWhenTheBudgetExceedsOneArray() throws IOException {
        Path file = checkpoint("small.pth", pickle("}."));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ReadBudget large = new ReadBudget(3L << 30);
            assertThat(large.readAtMost(zip, zip.getEntry("a/data.pkl"), ReadBudget.MAX_ARRAY)).hasSize(4);
        }
    }

    private void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> TorchWeights.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.getFileName().toString()).hasMessageContaining(message)
                .hasMessageNotContaining("\n").hasMessageNotContaining("\u001b");
    }

    private Path checkpoint(String name, String ops, int storageBytes) throws IOException {
        return checkpoint(name, ops, new byte[storageBytes]);
    }

    private Path checkpoint(String name, String ops, byte[] storage) throws IOException {
        return CraftedPickles.checkpoint(tmp.resolve(name), pickle(ops), storage);
    }

    private Path checkpoint(String name, byte[] pickle) throws IOException {
        return CraftedPickles.checkpoint(tmp.resolve(name), pickle);
    }
}
