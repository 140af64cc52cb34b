package dev.partita.storage.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.storage.file.NoFsyncFileIO;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IndexTest {

    @TempDir
    Path dir;

    private final NoFsyncFileIO io = NoFsyncFileIO.real();

    @Test
    void offsetIndexFindsTheLastEntryAtOrBelowAnOffset() throws IOException {
        OffsetIndex index = new OffsetIndex(io, dir.resolve("a.index"), 100, 80);
        assertThat(index.lookup(150)).isEqualTo(new OffsetIndex.Entry(100, 0));
        index.append(104, 0);
        index.append(110, 300);
        index.append(130, 900);
        assertThat(index.lookup(100)).isEqualTo(new OffsetIndex.Entry(100, 0));
        assertThat(index.lookup(104)).isEqualTo(new OffsetIndex.Entry(104, 0));
        assertThat(index.lookup(129)).isEqualTo(new OffsetIndex.Entry(110, 300));
        assertThat(index.lookup(1000)).isEqualTo(new OffsetIndex.Entry(130, 900));
        assertThatThrownBy(() -> index.append(125, 1000)).isInstanceOf(IllegalArgumentException.class);

        index.truncateTo(110);
        assertThat(index.entries()).isEqualTo(1);
        assertThat(index.lastEntry()).isEqualTo(new OffsetIndex.Entry(104, 0));
        index.close();
    }

    @Test
    void offsetIndexIsPreallocatedWhileOpenAndTrimmedOnClose() throws IOException {
        Path path = dir.resolve("b.index");
        OffsetIndex index = new OffsetIndex(io, path, 0, 80);
        assertThat(Files.size(path)).isEqualTo(80);
        for (int i = 0; i < 10; i++) {
            index.append(i * 2L, i * 10);
        }
        assertThat(index.isFull()).isTrue();
        index.close();
        assertThat(Files.size(path)).isEqualTo(80);

        OffsetIndex reopened = new OffsetIndex(io, path, 0, 800);
        assertThat(reopened.entries()).isEqualTo(10);
        assertThat(reopened.isSane(100)).isTrue();
        assertThat(reopened.isSane(90)).as("a position past the log end").isFalse();
        reopened.truncateTo(6);
        reopened.close();
        assertThat(Files.size(path)).isEqualTo(3 * OffsetIndex.ENTRY_SIZE);
    }

    @Test
    void offsetIndexSanityCheckCatchesGarbage() throws IOException {
        Path torn = dir.resolve("torn.index");
        Files.write(torn, new byte[13]);
        OffsetIndex tornIndex = new OffsetIndex(io, torn, 0, 80);
        assertThat(tornIndex.isSane(1000)).isFalse();
        tornIndex.close();

        Path zeros = dir.resolve("zeros.index");
        Files.write(zeros, new byte[24]);
        OffsetIndex zeroIndex = new OffsetIndex(io, zeros, 0, 80);
        assertThat(zeroIndex.isSane(1000)).isFalse();
        zeroIndex.close();

        Path backwards = dir.resolve("backwards.index");
        Files.write(backwards, ByteBuffer.allocate(16).putInt(5).putInt(10).putInt(3).putInt(20).array());
        OffsetIndex backwardsIndex = new OffsetIndex(io, backwards, 0, 80);
        assertThat(backwardsIndex.isSane(1000)).isFalse();
        backwardsIndex.close();
    }

    @Test
    void timeIndexKeepsOnlyGrowingTimestamps() throws IOException {
        TimeIndex index = new TimeIndex(io, dir.resolve("a.timeindex"), 50, 120);
        index.maybeAppend(1000, 52);
        index.maybeAppend(900, 55);
        index.maybeAppend(1000, 56);
        index.maybeAppend(2000, 60);
        assertThat(index.entries()).isEqualTo(2);
        assertThat(index.lastEntryBelow(1000)).isEmpty();
        assertThat(index.lastEntryBelow(1001)).contains(new TimeIndex.Entry(1000, 52));
        assertThat(index.lastEntryBelow(5000)).contains(new TimeIndex.Entry(2000, 60));
        assertThat(index.isSane(61)).isTrue();
        assertThat(index.isSane(60)).isFalse();
        index.truncateTo(60);
        assertThat(index.lastEntry()).contains(new TimeIndex.Entry(1000, 52));
        index.close();
    }

    @Test
    void segmentFileNamesCarryTheBaseOffset() {
        assertThat(LogSegment.fileName(42, ".log")).isEqualTo("00000000000000000042.log");
        assertThat(LogSegment.parseBaseOffset("00000000000000000042.log", ".log")).isEqualTo(42);
        assertThat(LogSegment.parseBaseOffset("00000000000000000042.index", ".log")).isEqualTo(-1);
        assertThat(LogSegment.parseBaseOffset("0000000000000000004x.log", ".log")).isEqualTo(-1);
        assertThat(LogSegment.parseBaseOffset("42.log", ".log")).isEqualTo(-1);
    }
}
