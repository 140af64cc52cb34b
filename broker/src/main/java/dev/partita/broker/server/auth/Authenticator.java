package dev.partita.broker.server.auth;

import dev.partita.broker.NamedThreadFactory;
import dev.partita.protocol.auth.PlainCredentials;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The broker's authentication policy: which SASL mechanisms it offers (PLAIN when a users file is
 * configured) and whether clients may skip authentication. Password checks are slow on purpose
 * (PBKDF2), so they run on a thread of their own ({@code partita-auth}), never on an event loop.
 *
 * <p>Thread-safe.
 */
public final class Authenticator implements AutoCloseable {

    public static final String PLAIN = "PLAIN";

    private final Optional<UserStore> users;
    private final boolean allowAnonymous;
    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(NamedThreadFactory.single("partita-auth").daemon());

    public Authenticator(Optional<UserStore> users, boolean allowAnonymous) {
        this.users = users;
        this.allowAnonymous = allowAnonymous;
    }

    public boolean allowAnonymous() {
        return allowAnonymous;
    }

    /** The mechanisms a client may ask for: PLAIN when there are users, else none. */
    public List<String> mechanisms() {
        return users.isPresent() ? List.of(PLAIN) : List.of();
    }

    /**
     * Checks PLAIN credentials; completes with the user name, or empty if they are wrong. An
     * authorization id other than the user itself is refused (no impersonation).
     */
    public CompletableFuture<Optional<String>> authenticate(PlainCredentials credentials) {
        return CompletableFuture.supplyAsync(() -> {
            String authzid = credentials.authzid();
            if (authzid != null && !authzid.isEmpty() && !authzid.equals(credentials.username())) {
                return Optional.empty();
            }
            boolean ok = users.map(u -> u.verify(credentials.username(), credentials.password().toCharArray()))
                    .orElse(false);
            return ok ? Optional.of(credentials.username()) : Optional.empty();
        }, executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
