package dev.partita.client.network;

import dev.partita.protocol.auth.PlainCredentials;
import dev.partita.protocol.message.ApiRequest;
import dev.partita.protocol.message.ApiResponse;
import dev.partita.protocol.message.ApiVersionsRequest;
import dev.partita.protocol.message.ApiVersionsResponse;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SaslAuthenticateRequest;
import dev.partita.protocol.message.SaslAuthenticateResponse;
import dev.partita.protocol.message.SaslHandshakeRequest;
import dev.partita.protocol.message.SaslHandshakeResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a new connection does before it carries other requests: ApiVersions (learn which versions
 * the broker speaks), then, when a user name is configured, SASL PLAIN (SaslHandshake naming the
 * mechanism, SaslAuthenticate with the RFC 4616 credentials). A broker error fails the handshake
 * with that error's exception (not retriable for authentication failures: a wrong password does
 * not get better by retrying).
 *
 * <p>Runs on the connection's event loop; one instance per connection attempt.
 */
final class ConnectionHandshake {

    static final String PLAIN = "PLAIN";

    private final ConnectionSettings settings;
    private final BrokerEndpoint endpoint;
    private final Function<ApiRequest, CompletableFuture<ApiResponse>> writer;
    private final Consumer<ApiVersionTable> onVersions;

    ConnectionHandshake(ConnectionSettings settings, BrokerEndpoint endpoint,
                        Function<ApiRequest, CompletableFuture<ApiResponse>> writer, Consumer<ApiVersionTable> onVersions) {
        this.settings = settings;
        this.endpoint = endpoint;
        this.writer = writer;
        this.onVersions = onVersions;
    }

    CompletableFuture<ApiVersionTable> run() {
        return writer.apply(new ApiVersionsRequest()).thenCompose(response -> {
            ApiVersionTable table = ApiVersionTable.negotiate((ApiVersionsResponse) response);
            onVersions.accept(table);
            if (!settings.authenticates()) {
                return CompletableFuture.completedFuture(table);
            }
            return authenticate().thenApply(ignored -> table);
        });
    }

    private CompletableFuture<Void> authenticate() {
        return writer.apply(new SaslHandshakeRequest(PLAIN)).thenCompose(response -> {
            SaslHandshakeResponse handshake = (SaslHandshakeResponse) response;
            if (handshake.error() != Errors.NONE) {
                throw handshake.error().exception(endpoint + " does not accept SASL " + PLAIN
                        + "; it offers " + handshake.mechanisms());
            }
            byte[] token = PlainCredentials.of(settings.username(), settings.password()).encode();
            return writer.apply(new SaslAuthenticateRequest(token));
        }).thenAccept(response -> {
            SaslAuthenticateResponse authenticate = (SaslAuthenticateResponse) response;
            if (authenticate.error() != Errors.NONE) {
                String detail = authenticate.errorMessage() != null ? authenticate.errorMessage() : authenticate.error().message();
                throw authenticate.error().exception("authentication to " + endpoint + " failed: " + detail);
            }
        });
    }
}
