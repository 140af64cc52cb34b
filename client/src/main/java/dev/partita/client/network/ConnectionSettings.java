package dev.partita.client.network;

/**
 * What a {@link BrokerConnection} needs to know from the client configuration. Immutable.
 *
 * @param clientId names the client in logs
 * @param requestTimeoutMs default time a request waits for its response
 * @param connectTimeoutMs TCP connect timeout
 * @param reconnectBackoffMs first wait before reconnecting after a failure
 * @param reconnectBackoffMaxMs the wait doubles per failed attempt up to this
 * @param maxFrameBytes larger response frames close the connection
 * @param username SASL PLAIN user, or null for no authentication
 * @param password SASL PLAIN password, or null
 */
public record ConnectionSettings(String clientId, int requestTimeoutMs, int connectTimeoutMs,
                                 long reconnectBackoffMs, long reconnectBackoffMaxMs, int maxFrameBytes,
                                 String username, String password) {

    public boolean authenticates() {
        return username != null;
    }

    @Override
    public String toString() {
        // Never print the password.
        return "ConnectionSettings(clientId=" + clientId + ", requestTimeoutMs=" + requestTimeoutMs
                + ", maxFrameBytes=" + maxFrameBytes + ", authenticates=" + authenticates() + ")";
    }
}
