package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.SessionHeartbeatRequest;
import dev.partita.protocol.message.SessionHeartbeatResponse;

/** SESSION_HEARTBEAT v0. Layouts in the package documentation. */
final class SessionHeartbeatCodec extends ApiCodec<SessionHeartbeatRequest, SessionHeartbeatResponse> {

    SessionHeartbeatCodec() {
        super(ApiKey.SESSION_HEARTBEAT, SessionHeartbeatRequest.class, SessionHeartbeatResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, SessionHeartbeatRequest request, short version) {
        SubscriptionFields.writeUuid(writer, request.connectionId());
        writer.writeArray(request.sessionIds(), SubscriptionFields::writeUuid);
    }

    @Override
    SessionHeartbeatRequest readRequest(MessageReader reader, short version) {
        return new SessionHeartbeatRequest(SubscriptionFields.readUuid(reader),
                reader.readArray(SubscriptionFields.UUID_BYTES, SubscriptionFields::readUuid));
    }

    @Override
    void writeResponse(MessageWriter writer, SessionHeartbeatResponse response, short version) {
        Fields.writeError(writer, response.error());
        writer.writeInt(response.leaseTimeoutMs());
        writer.writeArray(response.expiredSessionIds(), SubscriptionFields::writeUuid);
    }

    @Override
    SessionHeartbeatResponse readResponse(MessageReader reader, short version) {
        return new SessionHeartbeatResponse(Fields.readError(reader), reader.readInt(),
                reader.readArray(SubscriptionFields.UUID_BYTES, SubscriptionFields::readUuid));
    }
}
