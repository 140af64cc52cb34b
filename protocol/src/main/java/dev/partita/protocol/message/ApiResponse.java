package dev.partita.protocol.message;

/** A response body. Implementations are immutable records; {@link #apiKey()} names their API. */
public interface ApiResponse {

    ApiKey apiKey();
}
