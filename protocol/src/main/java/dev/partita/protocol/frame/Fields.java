package dev.partita.protocol.frame;

import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.IsolationLevel;
import dev.partita.protocol.message.TopicKey;

/** Encodings of the value types several messages share. Stateless. */
final class Fields {

    /** int8 kind + int16 string length: the least a {@link TopicKey} takes. */
    static final int TOPIC_KEY_MIN_BYTES = 3;
    static final int ERROR_BYTES = 2;
    static final int NULLABLE_STRING_MIN_BYTES = 2;
    static final int ARRAY_MIN_BYTES = 4;
    static final int RECORDS_MIN_BYTES = 4;

    private Fields() { }

    static void writeTopicKey(MessageWriter writer, TopicKey topic) {
        writer.writeByte(topic.kind().code());
        writer.writeString(topic.name());
    }

    static TopicKey readTopicKey(MessageReader reader) {
        byte code = reader.readByte();
        DestinationKind kind = DestinationKind.forCode(code)
                .orElseThrow(() -> reader.invalid("unknown destination kind " + code));
        return new TopicKey(kind, reader.readString());
    }

    static void writeError(MessageWriter writer, Errors error) {
        writer.writeShort(error.code());
    }

    /** Unknown codes (from a newer peer) read as UNKNOWN_SERVER_ERROR. */
    static Errors readError(MessageReader reader) {
        return Errors.forCode(reader.readShort());
    }

    static Acks readAcks(MessageReader reader) {
        short code = reader.readShort();
        return Acks.forCode(code).orElseThrow(() -> reader.invalid("unknown acks " + code));
    }

    static IsolationLevel readIsolation(MessageReader reader) {
        byte code = reader.readByte();
        return IsolationLevel.forCode(code).orElseThrow(() -> reader.invalid("unknown isolation level " + code));
    }
}
