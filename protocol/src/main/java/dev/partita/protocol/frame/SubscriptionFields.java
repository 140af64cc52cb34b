package dev.partita.protocol.frame;

import dev.partita.protocol.message.DeliveryRange;
import dev.partita.protocol.message.ReleasedRange;
import dev.partita.protocol.message.SubscriptionKey;
import java.util.List;
import java.util.UUID;

/** Encodings of the value types the subscription APIs share (layouts in the package documentation). Stateless. */
final class SubscriptionFields {

    static final int UUID_BYTES = 16;
    /** int8 kind + the shortest body (a queue name's int16 length). */
    static final int KEY_MIN_BYTES = 1 + 2;
    /** firstOffset, lastOffset, deliveryCount. */
    static final int RANGE_BYTES = 8 + 8 + 4;
    static final int RELEASED_RANGE_BYTES = RANGE_BYTES + 1;

    private SubscriptionFields() { }

    static void writeUuid(MessageWriter writer, UUID id) {
        writer.writeLong(id.getMostSignificantBits());
        writer.writeLong(id.getLeastSignificantBits());
    }

    static UUID readUuid(MessageReader reader) {
        return new UUID(reader.readLong(), reader.readLong());
    }

    static void writeKey(MessageWriter writer, SubscriptionKey key) {
        writer.writeByte(key.kind().code());
        if (key instanceof SubscriptionKey.Queue queue) {
            writer.writeString(queue.queue());
        } else if (key instanceof SubscriptionKey.Private own) {
            writeUuid(writer, own.connectionId());
            writer.writeLong(own.consumerId());
        } else if (key instanceof SubscriptionKey.Durable durable) {
            writer.writeNullableString(durable.clientId());
            writer.writeString(durable.name());
        } else if (key instanceof SubscriptionKey.Shared shared) {
            writer.writeNullableString(shared.clientId());
            writer.writeString(shared.name());
        } else {
            throw new IllegalArgumentException("unknown subscription key " + key);
        }
    }

    static SubscriptionKey readKey(MessageReader reader) {
        byte code = reader.readByte();
        SubscriptionKey.Kind kind = SubscriptionKey.Kind.forCode(code)
                .orElseThrow(() -> reader.invalid("unknown subscription key kind " + code));
        switch (kind) {
            case QUEUE:
                return SubscriptionKey.queue(reader.readString());
            case PRIVATE:
                return SubscriptionKey.privateTo(readUuid(reader), reader.readLong());
            default:
                String clientId = reader.readNullableString();
                if (clientId != null && clientId.isEmpty()) {
                    throw reader.invalid("empty client ID (null means none)");
                }
                String name = reader.readString();
                return kind == SubscriptionKey.Kind.DURABLE ? SubscriptionKey.durable(clientId, name)
                        : SubscriptionKey.shared(clientId, name);
        }
    }

    static void writeRanges(MessageWriter writer, List<DeliveryRange> ranges) {
        writer.writeArray(ranges, SubscriptionFields::writeRange);
    }

    static List<DeliveryRange> readRanges(MessageReader reader) {
        return reader.readArray(RANGE_BYTES, SubscriptionFields::readRange);
    }

    static void writeReleasedRanges(MessageWriter writer, List<ReleasedRange> ranges) {
        writer.writeArray(ranges, (w, released) -> {
            writeRange(w, released.range());
            w.writeBoolean(released.delivered());
        });
    }

    static List<ReleasedRange> readReleasedRanges(MessageReader reader) {
        return reader.readArray(RELEASED_RANGE_BYTES, r -> new ReleasedRange(readRange(r), r.readBoolean()));
    }

    private static void writeRange(MessageWriter writer, DeliveryRange range) {
        writer.writeLong(range.firstOffset());
        writer.writeLong(range.lastOffset());
        writer.writeInt(range.deliveryCount());
    }

    private static DeliveryRange readRange(MessageReader reader) {
        return new DeliveryRange(reader.readLong(), reader.readLong(), reader.readInt());
    }
}
