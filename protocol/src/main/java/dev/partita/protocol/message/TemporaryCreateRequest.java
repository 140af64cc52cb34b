package dev.partita.protocol.message;

import java.util.Objects;
import java.util.UUID;

/**
 * Creates a temporary queue ({@code kind} QUEUE) or topic (TOPIC) owned by a logical connection.
 * The broker that answers holds it (it leads the internal topic it picked), keeps it while the
 * connection's lease lasts, and writes nothing to ZooKeeper for it.
 *
 * @param sequence the connection's number for it, at least 1, never reused by that connection
 */
public record TemporaryCreateRequest(UUID connectionId, DestinationKind kind, long sequence) implements ApiRequest {

    public TemporaryCreateRequest {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public ApiKey apiKey() { return ApiKey.TEMPORARY_CREATE; }
}
