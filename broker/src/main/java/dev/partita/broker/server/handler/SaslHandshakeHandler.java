package dev.partita.broker.server.handler;

import dev.partita.broker.server.ClientSession;
import dev.partita.broker.server.ClientSession.State;
import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SaslHandshakeRequest;
import dev.partita.protocol.message.SaslHandshakeResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * First step of authentication: the client names a mechanism. Answers the mechanisms this broker
 * offers, with {@code UNSUPPORTED_SASL_MECHANISM} if the named one is not among them and
 * {@code ILLEGAL_SASL_STATE} if the connection already started or finished a handshake. Stateless.
 */
public final class SaslHandshakeHandler extends RequestHandler<SaslHandshakeRequest> {

    public SaslHandshakeHandler() {
        super(ApiKey.SASL_HANDSHAKE, SaslHandshakeRequest.class);
    }

    @Override
    protected CompletableFuture<SaslHandshakeResponse> handle(RequestContext context, SaslHandshakeRequest request) {
        ClientSession session = context.session();
        List<String> offered = session.authenticator().mechanisms();
        Errors error;
        if (!offered.contains(request.mechanism())) {
            error = Errors.UNSUPPORTED_SASL_MECHANISM;
        } else if (!session.transition(State.INITIAL, State.HANDSHAKE_DONE)) {
            error = Errors.ILLEGAL_SASL_STATE;
        } else {
            error = Errors.NONE;
        }
        return CompletableFuture.completedFuture(new SaslHandshakeResponse(error, offered));
    }
}
