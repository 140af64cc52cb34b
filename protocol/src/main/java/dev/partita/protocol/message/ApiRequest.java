package dev.partita.protocol.message;

/** A request body. Implementations are immutable records; {@link #apiKey()} names their API. */
public interface ApiRequest {

    ApiKey apiKey();
}
