package dev.partita.protocol.frame;

import dev.partita.protocol.message.PartitaException;

/**
 * A well-formed request header naming an API key or version this build does not speak. The
 * header was read, so the correlation id is known: the broker answers with an error response
 * (UNSUPPORTED_VERSION) and keeps the connection open. The body was not read.
 */
public class UnsupportedApiException extends PartitaException {

    private static final long serialVersionUID = 1L;

    private final int correlationId;
    private final short apiKeyId;
    private final short apiVersion;

    public UnsupportedApiException(int correlationId, short apiKeyId, short apiVersion, String message) {
        super(message);
        this.correlationId = correlationId;
        this.apiKeyId = apiKeyId;
        this.apiVersion = apiVersion;
    }

    public int correlationId() { return correlationId; }

    public short apiKeyId() { return apiKeyId; }

    public short apiVersion() { return apiVersion; }
}
