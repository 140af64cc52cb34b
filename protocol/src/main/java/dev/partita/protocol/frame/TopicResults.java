package dev.partita.protocol.frame;

import dev.partita.protocol.message.TopicResult;
import java.util.List;

/** The list of {@link TopicResult} that create- and delete-topics responses share. Stateless. */
final class TopicResults {

    /** topic key, error, message length. */
    private static final int RESULT_MIN_BYTES = Fields.TOPIC_KEY_MIN_BYTES + Fields.ERROR_BYTES
            + Fields.NULLABLE_STRING_MIN_BYTES;

    private TopicResults() { }

    static void write(MessageWriter writer, List<TopicResult> results) {
        writer.writeArray(results, (w, result) -> {
            Fields.writeTopicKey(w, result.topic());
            Fields.writeError(w, result.error());
            w.writeNullableString(result.errorMessage());
        });
    }

    static List<TopicResult> read(MessageReader reader) {
        return reader.readArray(RESULT_MIN_BYTES,
                r -> new TopicResult(Fields.readTopicKey(r), Fields.readError(r), r.readNullableString()));
    }
}
