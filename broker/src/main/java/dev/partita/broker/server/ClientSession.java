package dev.partita.broker.server;

import dev.partita.broker.server.auth.Authenticator;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import java.util.Optional;

/**
 * One connection's authentication state:
 *
 * <pre>
 *   INITIAL --SaslHandshake(PLAIN)--> HANDSHAKE_DONE --SaslAuthenticate--> AUTHENTICATING
 *   AUTHENTICATING --ok--> AUTHENTICATED        AUTHENTICATING --wrong--> FAILED (connection closes)
 * </pre>
 *
 * In {@code INITIAL} a client may use every API when anonymous access is allowed; otherwise only
 * API versions and the handshake. Mid-handshake, other requests get {@code ILLEGAL_SASL_STATE}.
 *
 * <p>Thread-safe: transitions are compare-and-set on one monitor; the check for a request runs on
 * the event loop, the password check on the authenticator's thread.
 */
public final class ClientSession {

    /** Where a connection is in the authentication exchange. */
    public enum State { INITIAL, HANDSHAKE_DONE, AUTHENTICATING, AUTHENTICATED, FAILED }

    private final String remote;
    private final Authenticator authenticator;
    private State state = State.INITIAL;
    private String principal;
    private volatile boolean open = true;

    public ClientSession(String remote, Authenticator authenticator) {
        this.remote = remote;
        this.authenticator = authenticator;
    }

    public String remote() {
        return remote;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    /**
     * Whether the connection is still there. Work parked for it (a long-polling acquire) checks
     * this before it takes messages that no one could receive any more.
     */
    public boolean isOpen() {
        return open;
    }

    /** The connection went away (event loop). */
    public void closed() {
        open = false;
    }

    public synchronized State state() {
        return state;
    }

    /** The authenticated user, empty while anonymous. */
    public synchronized Optional<String> principal() {
        return Optional.ofNullable(principal);
    }

    /** Moves from {@code expected} to {@code next}; false (and no change) if not in {@code expected}. */
    public synchronized boolean transition(State expected, State next) {
        if (state != expected) {
            return false;
        }
        state = next;
        return true;
    }

    /** Authentication succeeded for {@code user}. */
    public synchronized void authenticated(String user) {
        principal = user;
        state = State.AUTHENTICATED;
    }

    /** Whether the connection must close (after a failed authentication). */
    public synchronized boolean mustClose() {
        return state == State.FAILED;
    }

    /**
     * Whether a request of this API may run now; the error to answer otherwise.
     */
    public synchronized Optional<AccessDenied> check(ApiKey api) {
        if (api == ApiKey.API_VERSIONS || api == ApiKey.SASL_HANDSHAKE || api == ApiKey.SASL_AUTHENTICATE) {
            return Optional.empty(); // their handlers check the state themselves
        }
        return switch (state) {
            case AUTHENTICATED -> Optional.empty();
            case INITIAL -> authenticator.allowAnonymous()
                    ? Optional.empty()
                    : Optional.of(new AccessDenied(Errors.SASL_AUTHENTICATION_FAILED,
                            "Authentication required: this broker does not allow anonymous clients"));
            case HANDSHAKE_DONE, AUTHENTICATING -> Optional.of(new AccessDenied(Errors.ILLEGAL_SASL_STATE,
                    "Authentication in progress: finish SaslAuthenticate before " + api));
            case FAILED -> Optional.of(new AccessDenied(Errors.SASL_AUTHENTICATION_FAILED, "Authentication failed"));
        };
    }

    /**
     * Why a request may not run.
     *
     * @param error the code answered
     * @param message details
     */
    public record AccessDenied(Errors error, String message) {
    }
}
