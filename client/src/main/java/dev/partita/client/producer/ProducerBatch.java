package dev.partita.client.producer;

import dev.partita.client.metadata.TopicPartition;
import dev.partita.protocol.record.CompressionType;
import dev.partita.protocol.record.Header;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.MemoryRecordsBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Records of one partition that travel in one record batch, and the futures of their sends.
 * Open while records are appended; {@link #close()} builds (and compresses) the batch, after which
 * the same bytes are sent on every attempt. Idempotence is not implemented yet: the batch carries
 * no producer id (-1), epoch (-1) or sequence (-1).
 *
 * <p>Not thread-safe: the {@link RecordAccumulator} guards appends and hands the closed batch to
 * one sender at a time.
 */
final class ProducerBatch {

    /** One record's pending send. */
    record Thunk(CompletableFuture<RecordMetadata> future, long timestamp) {
    }

    final TopicPartition topicPartition;
    final long createdMs;
    private final MemoryRecordsBuilder builder;
    private final List<Thunk> thunks = new ArrayList<>();
    private long reservedBytes;
    private MemoryRecords records;
    int attempts;
    long retryNotBeforeMs;
    Throwable lastError;

    ProducerBatch(TopicPartition topicPartition, CompressionType compression, long createdMs) {
        this.topicPartition = topicPartition;
        this.createdMs = createdMs;
        this.builder = MemoryRecordsBuilder.builder().compression(compression);
    }

    /**
     * Appends the record if the batch is open and stays within {@code batchSize} (an empty batch
     * takes any record). Returns the record's future, or null when it did not fit.
     */
    CompletableFuture<RecordMetadata> tryAppend(long timestamp, byte[] key, byte[] value, Header[] headers,
                                                int batchSize, long reserved) {
        if (records != null || !builder.hasRoomFor(timestamp, key, value, headers, batchSize)) {
            return null;
        }
        builder.append(timestamp, key, value, headers);
        reservedBytes += reserved;
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        thunks.add(new Thunk(future, timestamp));
        return future;
    }

    boolean isFull(int batchSize) {
        return records != null || builder.estimatedSizeInBytes() >= batchSize;
    }

    /** Bytes of the built batch, or an upper estimate while open (compressed batches shrink when built). */
    int estimatedSizeInBytes() {
        return records != null ? records.sizeInBytes() : builder.estimatedSizeInBytes();
    }

    boolean isClosed() {
        return records != null;
    }

    /** Builds the batch; appends fail afterwards. Idempotent. */
    MemoryRecords close() {
        if (records == null) {
            records = builder.build();
        }
        return records;
    }

    MemoryRecords records() {
        return close();
    }

    int recordCount() {
        return thunks.size();
    }

    long reservedBytes() {
        return reservedBytes;
    }

    List<Thunk> thunks() {
        return thunks;
    }

    /** Completes every record's future: offsets from {@code baseOffset} in append order. */
    void complete(long baseOffset, long logAppendTime) {
        for (int i = 0; i < thunks.size(); i++) {
            Thunk thunk = thunks.get(i);
            long timestamp = logAppendTime >= 0 ? logAppendTime : thunk.timestamp();
            thunk.future().complete(new RecordMetadata(topicPartition.topic(), topicPartition.partition(), baseOffset + i, timestamp));
        }
    }

    void fail(Throwable error) {
        for (Thunk thunk : thunks) {
            thunk.future().completeExceptionally(error);
        }
    }

    @Override
    public String toString() {
        return "ProducerBatch(" + topicPartition + ", records=" + thunks.size() + ", attempts=" + attempts + ")";
    }
}
