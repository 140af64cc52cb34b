package dev.partita.protocol.frame;

import dev.partita.protocol.message.SessionPartitionResult;
import java.util.List;

/** The list of {@link SessionPartitionResult} that acknowledge and release responses share. Stateless. */
final class SessionPartitionResults {

    /** partition, error, message length, session epoch. */
    private static final int RESULT_MIN_BYTES = 4 + Fields.ERROR_BYTES + Fields.NULLABLE_STRING_MIN_BYTES + 4;

    private SessionPartitionResults() { }

    static void write(MessageWriter writer, List<SessionPartitionResult> results) {
        writer.writeArray(results, (w, result) -> {
            w.writeInt(result.partition());
            Fields.writeError(w, result.error());
            w.writeNullableString(result.errorMessage());
            w.writeInt(result.sessionEpoch());
        });
    }

    static List<SessionPartitionResult> read(MessageReader reader) {
        return reader.readArray(RESULT_MIN_BYTES, r -> new SessionPartitionResult(
                r.readInt(), Fields.readError(r), r.readNullableString(), r.readInt()));
    }
}
