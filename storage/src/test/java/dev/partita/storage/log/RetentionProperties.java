package dev.partita.storage.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.storage.file.NoFsyncFileIO;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Retention with random limits and floors never deletes at or above the floor, nor the active segment. */
class RetentionProperties {

    @Property(tries = 50)
    void retentionNeverCrossesTheFloor(@ForAll @IntRange(min = 1, max = 80) int batches,
                                       @ForAll @IntRange(min = 150, max = 1500) int segmentBytes,
                                       @ForAll @LongRange(min = -1, max = 5000) long retentionBytes,
                                       @ForAll @LongRange(min = -1, max = 100) long retentionMs,
                                       @ForAll @LongRange(min = -5, max = 300) long floor,
                                       @ForAll @LongRange(min = 0, max = 200) long now) {
        LogTestSupport.inTempDir(Duration.ofSeconds(30), tmp -> {
            LogConfig config = LogConfig.builder().segmentBytes(segmentBytes).retentionBytes(retentionBytes)
                    .retentionMs(retentionMs).build();
            Log log = Log.open(tmp.resolve("r-0"), config, NoFsyncFileIO.real(), new ManualClock(0), false,
                    FlushRequester.NONE);
            try {
                List<String> model = new ArrayList<>();
                for (int i = 0; i < batches; i++) {
                    String[] values = {i + "a", i + "b"};
                    log.appendAsLeader(TestBatches.batchOf(i, values), 0);
                    model.addAll(List.of(values));
                }
                long sizeBefore = log.sizeInBytes();
                int deleted = log.deleteOldSegments(floor, now);

                assertThat(log.logStartOffset()).isLessThanOrEqualTo(Math.max(floor, 0));
                assertThat(log.logEndOffset()).isEqualTo(model.size());
                assertThat(log.numberOfSegments()).isPositive();
                if (retentionBytes >= 0 && deleted > 0 && retentionMs < 0) {
                    assertThat(log.sizeInBytes()).isGreaterThanOrEqualTo(retentionBytes);
                }
                if (deleted == 0) {
                    assertThat(log.sizeInBytes()).isEqualTo(sizeBefore);
                }
                assertThat(LogTestSupport.readValues(log))
                        .isEqualTo(model.subList((int) log.logStartOffset(), model.size()));
            } finally {
                log.close();
            }
        });
    }
}
