package dev.partita.protocol.record;

import java.util.List;

/**
 * What a test batch should contain: the truth both builders (ours and kafka-clients') are fed and
 * both parsers are checked against.
 */
record BatchSpec(CompressionType compression, long baseOffset, int partitionLeaderEpoch, long producerId,
                 short producerEpoch, int baseSequence, boolean transactional, long logAppendTime,
                 List<SimpleRecord> records) {

    boolean isLogAppendTime() {
        return logAppendTime != RecordBatch.NO_TIMESTAMP;
    }

    long expectedMaxTimestamp() {
        if (isLogAppendTime()) {
            return logAppendTime;
        }
        return records.stream().mapToLong(SimpleRecord::timestamp).max().orElse(RecordBatch.NO_TIMESTAMP);
    }

    long expectedTimestamp(int index) {
        return isLogAppendTime() ? logAppendTime : records.get(index).timestamp();
    }

    int expectedSequence(int index) {
        if (baseSequence == RecordBatch.NO_SEQUENCE) {
            return RecordBatch.NO_SEQUENCE;
        }
        long sequence = (long) baseSequence + index;
        return (int) (sequence > Integer.MAX_VALUE ? sequence - Integer.MAX_VALUE - 1 : sequence);
    }

    /** Builds the batch with our builder. */
    MemoryRecords buildOurs() {
        MemoryRecordsBuilder builder = MemoryRecordsBuilder.builder()
                .compression(compression)
                .baseOffset(baseOffset)
                .partitionLeaderEpoch(partitionLeaderEpoch)
                .producer(producerId, producerEpoch, baseSequence)
                .transactional(transactional);
        if (isLogAppendTime()) {
            builder.logAppendTime(logAppendTime);
        }
        records.forEach(builder::append);
        return builder.build();
    }
}
