package dev.partita.storage.log;

import dev.partita.protocol.record.RecordBatch;
import dev.partita.protocol.record.TimestampType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of one log, with Kafka-like keys so topic configuration reads familiar. Every field has
 * a default ({@link #defaults()}); {@link #fromProperties} layers string settings over defaults.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code segment.bytes}</td><td>1 GiB</td><td>roll the active segment when the next append would make it larger</td></tr>
 *   <tr><td>{@code segment.ms}</td><td>7 days</td><td>roll the active segment once it is this old (counted from its first append)</td></tr>
 *   <tr><td>{@code segment.index.bytes}</td><td>10 MiB</td><td>size of each index file while active; roll when an index is full</td></tr>
 *   <tr><td>{@code retention.bytes}</td><td>-1 (none)</td><td>delete the oldest whole segments as long as the rest still holds this many bytes</td></tr>
 *   <tr><td>{@code retention.ms}</td><td>7 days</td><td>delete whole segments whose newest timestamp is older (-1: none)</td></tr>
 *   <tr><td>{@code flush.policy}</td><td>group-commit</td><td>see {@link FlushPolicy}</td></tr>
 *   <tr><td>{@code index.interval.bytes}</td><td>4096</td><td>bytes of log between offset-index entries</td></tr>
 *   <tr><td>{@code max.message.bytes}</td><td>1048588</td><td>largest record batch accepted</td></tr>
 *   <tr><td>{@code message.timestamp.type}</td><td>CreateTime</td><td>{@code LogAppendTime} stamps batches with the broker's clock</td></tr>
 * </table>
 *
 * <p>Retention never deletes below the retention floor the log's owner passes to
 * {@link Log#deleteOldSegments}. Immutable and thread-safe.
 */
public record LogConfig(int segmentBytes, long segmentMs, int segmentIndexBytes, long retentionBytes,
                        long retentionMs, FlushPolicy flushPolicy, int indexIntervalBytes,
                        int maxMessageBytes, TimestampType timestampType) {

    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String RETENTION_MS = "retention.ms";
    public static final String FLUSH_POLICY = "flush.policy";
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";

    /** Every key this class understands. */
    public static final List<String> KEYS = List.of(SEGMENT_BYTES, SEGMENT_MS, SEGMENT_INDEX_BYTES,
            RETENTION_BYTES, RETENTION_MS, FLUSH_POLICY, INDEX_INTERVAL_BYTES, MAX_MESSAGE_BYTES,
            MESSAGE_TIMESTAMP_TYPE);

    private static final LogConfig DEFAULTS = new LogConfig(1 << 30, 7L * 24 * 60 * 60 * 1000, 10 << 20, -1,
            7L * 24 * 60 * 60 * 1000, FlushPolicy.GROUP_COMMIT, 4096, 1024 * 1024 + 12, TimestampType.CREATE_TIME);

    public LogConfig {
        require(segmentBytes >= RecordBatch.HEADER_SIZE, SEGMENT_BYTES, segmentBytes, "at least " + RecordBatch.HEADER_SIZE);
        require(segmentMs > 0, SEGMENT_MS, segmentMs, "positive");
        require(segmentIndexBytes >= 2 * 12, SEGMENT_INDEX_BYTES, segmentIndexBytes, "at least 24");
        require(retentionBytes >= -1, RETENTION_BYTES, retentionBytes, "-1 or more");
        require(retentionMs >= -1, RETENTION_MS, retentionMs, "-1 or more");
        require(flushPolicy != null, FLUSH_POLICY, null, "set");
        require(indexIntervalBytes >= 0, INDEX_INTERVAL_BYTES, indexIntervalBytes, "0 or more");
        require(maxMessageBytes >= RecordBatch.HEADER_SIZE, MAX_MESSAGE_BYTES, maxMessageBytes,
                "at least " + RecordBatch.HEADER_SIZE);
        require(timestampType != null, MESSAGE_TIMESTAMP_TYPE, null, "set");
    }

    private static void require(boolean valid, String key, Object value, String expected) {
        if (!valid) {
            throw new IllegalArgumentException("invalid value " + value + " for " + key + ": must be " + expected);
        }
    }

    public static LogConfig defaults() {
        return DEFAULTS;
    }

    /** Defaults overridden by the keys present in {@code properties}; other keys are ignored. */
    public static LogConfig fromProperties(Map<String, String> properties) {
        return fromProperties(properties, DEFAULTS);
    }

    /**
     * {@code base} overridden by the keys present in {@code properties}; keys not in {@link #KEYS}
     * are ignored (the caller decides whether they are an error).
     *
     * @throws IllegalArgumentException naming the key when a value does not parse or is out of range
     */
    public static LogConfig fromProperties(Map<String, String> properties, LogConfig base) {
        Builder builder = base.toBuilder();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue() == null ? "" : entry.getValue().trim();
            switch (key) {
                case SEGMENT_BYTES -> builder.segmentBytes(parseInt(key, value));
                case SEGMENT_MS -> builder.segmentMs(parseLong(key, value));
                case SEGMENT_INDEX_BYTES -> builder.segmentIndexBytes(parseInt(key, value));
                case RETENTION_BYTES -> builder.retentionBytes(parseLong(key, value));
                case RETENTION_MS -> builder.retentionMs(parseLong(key, value));
                case FLUSH_POLICY -> builder.flushPolicy(parse(key, value, FlushPolicy::forName));
                case INDEX_INTERVAL_BYTES -> builder.indexIntervalBytes(parseInt(key, value));
                case MAX_MESSAGE_BYTES -> builder.maxMessageBytes(parseInt(key, value));
                case MESSAGE_TIMESTAMP_TYPE -> builder.timestampType(parse(key, value, TimestampType::forName));
                default -> {
                    // Not a log setting.
                }
            }
        }
        return builder.build();
    }

    private static int parseInt(String key, String value) {
        return parse(key, value, Integer::parseInt);
    }

    private static long parseLong(String key, String value) {
        return parse(key, value, Long::parseLong);
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value '" + value + "' for " + key + ": " + e.getMessage(), e);
        }
    }

    /** Every setting as a string, keyed as {@link #fromProperties} reads them. */
    public Map<String, String> toProperties() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(SEGMENT_BYTES, Integer.toString(segmentBytes));
        map.put(SEGMENT_MS, Long.toString(segmentMs));
        map.put(SEGMENT_INDEX_BYTES, Integer.toString(segmentIndexBytes));
        map.put(RETENTION_BYTES, Long.toString(retentionBytes));
        map.put(RETENTION_MS, Long.toString(retentionMs));
        map.put(FLUSH_POLICY, flushPolicy.configName());
        map.put(INDEX_INTERVAL_BYTES, Integer.toString(indexIntervalBytes));
        map.put(MAX_MESSAGE_BYTES, Integer.toString(maxMessageBytes));
        map.put(MESSAGE_TIMESTAMP_TYPE, timestampType.displayName());
        return map;
    }

    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable builder; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private int segmentBytes;
        private long segmentMs;
        private int segmentIndexBytes;
        private long retentionBytes;
        private long retentionMs;
        private FlushPolicy flushPolicy;
        private int indexIntervalBytes;
        private int maxMessageBytes;
        private TimestampType timestampType;

        private Builder(LogConfig from) {
            segmentBytes = from.segmentBytes;
            segmentMs = from.segmentMs;
            segmentIndexBytes = from.segmentIndexBytes;
            retentionBytes = from.retentionBytes;
            retentionMs = from.retentionMs;
            flushPolicy = from.flushPolicy;
            indexIntervalBytes = from.indexIntervalBytes;
            maxMessageBytes = from.maxMessageBytes;
            timestampType = from.timestampType;
        }

        public Builder segmentBytes(int value) { segmentBytes = value; return this; }
        public Builder segmentMs(long value) { segmentMs = value; return this; }
        public Builder segmentIndexBytes(int value) { segmentIndexBytes = value; return this; }
        public Builder retentionBytes(long value) { retentionBytes = value; return this; }
        public Builder retentionMs(long value) { retentionMs = value; return this; }
        public Builder flushPolicy(FlushPolicy value) { flushPolicy = value; return this; }
        public Builder indexIntervalBytes(int value) { indexIntervalBytes = value; return this; }
        public Builder maxMessageBytes(int value) { maxMessageBytes = value; return this; }
        public Builder timestampType(TimestampType value) { timestampType = value; return this; }

        public LogConfig build() {
            return new LogConfig(segmentBytes, segmentMs, segmentIndexBytes, retentionBytes, retentionMs,
                    flushPolicy, indexIntervalBytes, maxMessageBytes, timestampType);
        }
    }
}
