package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.DeleteTopicsRequest;
import dev.partita.protocol.message.DeleteTopicsResponse;

/** DELETE_TOPICS v0. Layouts in the package documentation. */
final class DeleteTopicsCodec extends ApiCodec<DeleteTopicsRequest, DeleteTopicsResponse> {

    DeleteTopicsCodec() {
        super(ApiKey.DELETE_TOPICS, DeleteTopicsRequest.class, DeleteTopicsResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, DeleteTopicsRequest request, short version) {
        writer.writeArray(request.topics(), Fields::writeTopicKey);
        writer.writeInt(request.timeoutMs());
    }

    @Override
    DeleteTopicsRequest readRequest(MessageReader reader, short version) {
        return new DeleteTopicsRequest(reader.readArray(Fields.TOPIC_KEY_MIN_BYTES, Fields::readTopicKey),
                reader.readInt());
    }

    @Override
    void writeResponse(MessageWriter writer, DeleteTopicsResponse response, short version) {
        TopicResults.write(writer, response.results());
    }

    @Override
    DeleteTopicsResponse readResponse(MessageReader reader, short version) {
        return new DeleteTopicsResponse(TopicResults.read(reader));
    }
}
