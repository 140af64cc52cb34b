package dev.partita.storage.log;

import dev.partita.protocol.record.RecordBatch;
import dev.partita.storage.segment.LogSegment;
import java.util.List;

/**
 * Which old segments retention may delete: a prefix of the log's segments, never the last
 * (active) one, never one that holds an offset at or above the retention floor, and each one
 * either beyond the size limit (the segments after it still hold at least {@code retention.bytes},
 * as Kafka counts it) or beyond the age limit (its newest timestamp, or its creation time when it
 * has none, is more than {@code retention.ms} before now). Stateless.
 */
final class Retention {

    private Retention() {
    }

    /** How many of the oldest {@code segments} (in offset order) may be deleted. */
    static int deletableSegments(List<LogSegment> segments, LogConfig config, long retentionFloor, long nowMs) {
        long totalBytes = 0;
        for (LogSegment segment : segments) {
            totalBytes += segment.sizeInBytes();
        }
        long excessBytes = config.retentionBytes() < 0 ? 0 : totalBytes - config.retentionBytes();
        int count = 0;
        for (int i = 0; i + 1 < segments.size(); i++) {
            LogSegment segment = segments.get(i);
            // The segment holds offsets up to the next segment's base (exclusive).
            if (segments.get(i + 1).baseOffset() > retentionFloor) {
                break;
            }
            boolean tooBig = config.retentionBytes() >= 0 && excessBytes - segment.sizeInBytes() >= 0;
            long newest = segment.maxTimestampSoFar() == RecordBatch.NO_TIMESTAMP
                    ? segment.createdMs() : segment.maxTimestampSoFar();
            boolean tooOld = config.retentionMs() >= 0 && nowMs - newest > config.retentionMs();
            if (!tooBig && !tooOld) {
                break;
            }
            excessBytes -= segment.sizeInBytes();
            count++;
        }
        return count;
    }
}
