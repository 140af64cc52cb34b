package dev.partita.client.consumer;

import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.Header;
import java.util.List;

/**
 * A record read from a partition: where it sits (topic, partition, offset), its timestamp, key,
 * value (each nullable) and headers. Key and value are copies the caller owns.
 */
public record ConsumedRecord(TopicKey topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                             List<Header> headers) {

    public ConsumedRecord {
        headers = List.copyOf(headers);
    }

    @Override
    public String toString() {
        return "ConsumedRecord(" + topic + "-" + partition + "@" + offset + ", timestamp=" + timestamp
                + ", key=" + (key == null ? "null" : key.length + " bytes")
                + ", value=" + (value == null ? "null" : value.length + " bytes") + ", headers=" + headers.size() + ")";
    }
}
