package dev.partita.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.storage.file.NoFsyncFileIO;
import dev.partita.storage.log.LeaderEpochCache.EpochEndOffset;
import dev.partita.storage.log.LeaderEpochCache.EpochEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LeaderEpochCacheTest {

    @TempDir
    Path tmp;

    private final ManualClock clock = new ManualClock(0);
    private Log log;

    @AfterEach
    void close() {
        if (log != null) {
            log.closeWithoutFlush();
        }
    }

    private Path dir() {
        return tmp.resolve("e-0");
    }

    private void open(boolean clean) {
        log = Log.open(dir(), LogConfig.builder().segmentBytes(300).build(), NoFsyncFileIO.real(), clock, clean,
                FlushRequester.NONE);
    }

    /** Epoch 1 at offsets 0-2, epoch 3 at 3-5, epoch 5 at 6-8. */
    private void appendThreeEpochs() {
        int[] epochs = {1, 1, 1, 3, 3, 3, 5, 5, 5};
        for (int epoch : epochs) {
            log.appendAsLeader(TestBatches.batchOf(1, "e" + epoch), epoch);
        }
    }

    @Test
    void recordsWhereEachEpochStartsAndAnswersEndOffsets() {
        open(false);
        appendThreeEpochs();
        LeaderEpochCache cache = log.leaderEpochCache();
        assertThat(cache.entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(3, 3), new EpochEntry(5, 6));
        assertThat(cache.endOffsetFor(1)).isEqualTo(new EpochEndOffset(1, 3));
        assertThat(cache.endOffsetFor(2)).isEqualTo(new EpochEndOffset(1, 3));
        assertThat(cache.endOffsetFor(3)).isEqualTo(new EpochEndOffset(3, 6));
        assertThat(cache.endOffsetFor(5)).isEqualTo(new EpochEndOffset(5, 9));
        assertThat(cache.endOffsetFor(0)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(cache.endOffsetFor(6)).isEqualTo(EpochEndOffset.UNDEFINED);
    }

    @Test
    void checkpointRoundTripsThroughReopen() throws IOException {
        open(false);
        appendThreeEpochs();
        String text = Files.readString(dir().resolve(LeaderEpochCache.FILE_NAME), StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("0\n3\n1 0\n3 3\n5 6\n");
        assertThat(dir().resolve(LeaderEpochCache.FILE_NAME + ".tmp")).doesNotExist();
        log.close();
        open(true);
        assertThat(log.leaderEpochCache().entries())
                .containsExactly(new EpochEntry(1, 0), new EpochEntry(3, 3), new EpochEntry(5, 6));
    }

    @Test
    void truncationDropsEpochsThatStartAtOrAfterTheNewEnd() throws IOException {
        open(false);
        appendThreeEpochs();
        log.truncateTo(4);
        assertThat(log.leaderEpochCache().entries()).containsExactly(new EpochEntry(1, 0), new EpochEntry(3, 3));
        log.truncateTo(3);
        assertThat(log.leaderEpochCache().entries()).containsExactly(new EpochEntry(1, 0));
        assertThat(Files.readString(dir().resolve(LeaderEpochCache.FILE_NAME), StandardCharsets.UTF_8))
                .isEqualTo("0\n1\n1 0\n");
        log.appendAsLeader(TestBatches.batchOf(1, "new"), 7);
        assertThat(log.leaderEpochCache().latestEntry()).contains(new EpochEntry(7, 3));
    }

    @Test
    void aMissingOrDamagedCheckpointIsRebuiltFromTheBatches() throws IOException {
        open(false);
        appendThreeEpochs();
        log.close();
        Files.writeString(dir().resolve(LeaderEpochCache.FILE_NAME), "0\n3\n1 0\n3 oops\n");
        open(true);
        assertThat(log.leaderEpochCache().entries())
                .containsExactly(new EpochEntry(1, 0), new EpochEntry(3, 3), new EpochEntry(5, 6));
        log.close();
        Files.delete(dir().resolve(LeaderEpochCache.FILE_NAME));
        open(false);
        assertThat(log.leaderEpochCache().entries())
                .containsExactly(new EpochEntry(1, 0), new EpochEntry(3, 3), new EpochEntry(5, 6));
    }

    @Test
    void aCheckpointAheadOfTheLogIsTruncatedOnOpen() throws IOException {
        open(false);
        appendThreeEpochs();
        log.close();
        Files.writeString(dir().resolve(LeaderEpochCache.FILE_NAME), "0\n4\n1 0\n3 3\n5 6\n8 20\n");
        open(true);
        assertThat(log.leaderEpochCache().latestEpoch()).hasValue(5);
    }

    @Test
    void olderOrEqualEpochsAreIgnored() {
        open(false);
        appendThreeEpochs();
        log.leaderEpochCache().assign(4, 9);
        log.leaderEpochCache().assign(5, 9);
        assertThat(log.leaderEpochCache().entries()).hasSize(3);
    }
}
