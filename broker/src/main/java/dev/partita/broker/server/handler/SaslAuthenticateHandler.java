package dev.partita.broker.server.handler;

import dev.partita.broker.server.ClientSession;
import dev.partita.broker.server.ClientSession.State;
import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.protocol.auth.PlainCredentials;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SaslAuthenticateRequest;
import dev.partita.protocol.message.SaslAuthenticateResponse;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second step of authentication: checks PLAIN credentials against the users file. A failure is
 * answered with {@code SASL_AUTHENTICATION_FAILED} and the connection closes after the answer
 * (the session moves to {@code FAILED}). Stateless; the password check runs off the event loop.
 */
public final class SaslAuthenticateHandler extends RequestHandler<SaslAuthenticateRequest> {

    private static final Logger log = LoggerFactory.getLogger(SaslAuthenticateHandler.class);
    private static final byte[] NO_BYTES = new byte[0];

    public SaslAuthenticateHandler() {
        super(ApiKey.SASL_AUTHENTICATE, SaslAuthenticateRequest.class);
    }

    @Override
    protected CompletableFuture<SaslAuthenticateResponse> handle(RequestContext context, SaslAuthenticateRequest request) {
        ClientSession session = context.session();
        if (!session.transition(State.HANDSHAKE_DONE, State.AUTHENTICATING)) {
            return CompletableFuture.completedFuture(response(Errors.ILLEGAL_SASL_STATE,
                    "SaslAuthenticate needs a successful SaslHandshake first, once per connection"));
        }
        PlainCredentials credentials;
        try {
            credentials = PlainCredentials.decode(request.authBytes());
        } catch (RuntimeException e) {
            session.transition(State.AUTHENTICATING, State.FAILED);
            return CompletableFuture.completedFuture(response(Errors.SASL_AUTHENTICATION_FAILED,
                    "Malformed PLAIN credentials"));
        }
        return session.authenticator().authenticate(credentials).thenApply(user -> {
            if (user.isPresent()) {
                session.authenticated(user.get());
                return response(Errors.NONE, null);
            }
            log.info("Authentication failed for user '{}' from {}", credentials.username(), session.remote());
            session.transition(State.AUTHENTICATING, State.FAILED);
            return response(Errors.SASL_AUTHENTICATION_FAILED, "Invalid user name or password");
        });
    }

    private static SaslAuthenticateResponse response(Errors error, String message) {
        return new SaslAuthenticateResponse(error, message, NO_BYTES, 0L);
    }
}
