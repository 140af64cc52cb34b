package dev.partita.client.producer;

import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.Header;
import java.util.List;
import java.util.Objects;

/**
 * A record to send. {@code partition} null lets the producer's {@link PartitionChooser} pick one;
 * {@code timestamp} null means "now" at {@code send}; key, value and headers may be null/empty.
 * The byte arrays are not copied: do not change them until the send completes.
 */
public record ProducerRecord(TopicKey topic, Integer partition, Long timestamp, byte[] key, byte[] value, List<Header> headers) {

    public ProducerRecord {
        Objects.requireNonNull(topic, "topic");
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException("partition must not be negative: " + partition);
        }
        if (timestamp != null && timestamp < 0) {
            throw new IllegalArgumentException("timestamp must not be negative: " + timestamp);
        }
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** A record with only a value, partition chosen by the producer, timestamped at send. */
    public static ProducerRecord of(TopicKey topic, byte[] value) {
        return new ProducerRecord(topic, null, null, null, value, List.of());
    }

    /** A record with a key and a value for an explicit partition. */
    public static ProducerRecord of(TopicKey topic, int partition, byte[] key, byte[] value) {
        return new ProducerRecord(topic, partition, null, key, value, List.of());
    }

    @Override
    public String toString() {
        return "ProducerRecord(topic=" + topic + ", partition=" + partition + ", timestamp=" + timestamp
                + ", key=" + (key == null ? "null" : key.length + " bytes")
                + ", value=" + (value == null ? "null" : value.length + " bytes") + ", headers=" + headers.size() + ")";
    }
}
