package dev.partita.protocol.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * The content of one record before it is placed in a batch: timestamp, key, value and headers,
 * each key and value nullable. Used to build batches ({@link MemoryRecords#withRecords}).
 */
public record SimpleRecord(long timestamp, byte[] key, byte[] value, Header... headers) {

    private static final Header[] NO_HEADERS = new Header[0];

    public SimpleRecord {
        headers = headers == null ? NO_HEADERS : headers;
        for (Header header : headers) {
            Objects.requireNonNull(header, "header");
        }
    }

    /** A record without headers. */
    public SimpleRecord(long timestamp, byte[] key, byte[] value) {
        this(timestamp, key, value, NO_HEADERS);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SimpleRecord that
                && timestamp == that.timestamp
                && Arrays.equals(key, that.key)
                && Arrays.equals(value, that.value)
                && Arrays.equals(headers, that.headers);
    }

    @Override
    public int hashCode() {
        int result = Long.hashCode(timestamp);
        result = 31 * result + Arrays.hashCode(key);
        result = 31 * result + Arrays.hashCode(value);
        return 31 * result + Arrays.hashCode(headers);
    }

    @Override
    public String toString() {
        return "SimpleRecord(timestamp=" + timestamp
                + ", key=" + (key == null ? "null" : key.length + " bytes")
                + ", value=" + (value == null ? "null" : value.length + " bytes")
                + ", headers=" + Arrays.toString(headers) + ")";
    }
}
