package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import java.util.Objects;

/**
 * The fixed part of a request frame after the size prefix: which API, which version of it, and
 * the correlation id the response echoes (requests may be pipelined; responses come back in
 * any order the broker chooses, matched by this id).
 */
public record RequestHeader(ApiKey apiKey, short apiVersion, int correlationId) {

    public RequestHeader {
        Objects.requireNonNull(apiKey, "apiKey");
    }

    /** A header for the newest version of {@code apiKey} this build speaks. */
    public static RequestHeader latest(ApiKey apiKey, int correlationId) {
        return new RequestHeader(apiKey, apiKey.maxVersion(), correlationId);
    }
}
