package dev.partita.protocol.message;

import java.util.Objects;
import java.util.UUID;

/**
 * Deletes a temporary destination; only its owner may (NOT_TEMPORARY_DESTINATION_OWNER). Deleting
 * one already gone answers TEMPORARY_DESTINATION_GONE. Sent by the leader of its internal topic.
 */
public record TemporaryDeleteRequest(UUID connectionId, String name) implements ApiRequest {

    public TemporaryDeleteRequest {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public ApiKey apiKey() { return ApiKey.TEMPORARY_DELETE; }
}
