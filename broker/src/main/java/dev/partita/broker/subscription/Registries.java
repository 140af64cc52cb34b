package dev.partita.broker.subscription;

import dev.partita.broker.NamedThreadFactory;
import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.zk.ClientIdInUseException;
import dev.partita.broker.zk.ClientIdRegistry;
import dev.partita.broker.zk.CoordinationTimeoutException;
import dev.partita.broker.zk.InvalidClientIdException;
import dev.partita.broker.zk.InvalidSubscriptionException;
import dev.partita.broker.zk.SubscriptionInUseException;
import dev.partita.broker.zk.SubscriptionRegistry;
import dev.partita.broker.zk.SubscriptionSharingMismatchException;
import dev.partita.broker.zk.UnknownSubscriptionException;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's subscription and client-ID registries as the handlers use them: their calls block
 * on ZooKeeper, so they run on {@code partita-subscription-registry-N} threads (never on an event
 * loop or a partition thread), and their exceptions become protocol errors.
 *
 * <p>Thread-safe.
 */
final class Registries implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Registries.class);

    private final SubscriptionRegistry subscriptions;
    private final ClientIdRegistry clientIds;
    private final int brokerId;
    private final ExecutorService executor =
            Executors.newFixedThreadPool(2, NamedThreadFactory.numbered("partita-subscription-registry").daemon());

    Registries(SubscriptionRegistry subscriptions, ClientIdRegistry clientIds, int brokerId) {
        this.subscriptions = subscriptions;
        this.clientIds = clientIds;
        this.brokerId = brokerId;
    }

    SubscriptionRegistry subscriptions() {
        return subscriptions;
    }

    ClientIdRegistry clientIds() {
        return clientIds;
    }

    int brokerId() {
        return brokerId;
    }

    /** Runs a registry call off the event loop; its coordination exceptions fail the future as {@link ApiException}s. */
    <T> CompletableFuture<T> call(Supplier<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.get();
            } catch (RuntimeException e) {
                throw new CompletionException(translate(e));
            }
        }, executor);
    }

    /** A logical connection's lease ran out: its consumers and client IDs are freed (best effort). */
    void expire(ConnectionId connection) {
        call(() -> subscriptions.expire(connection) + clientIds.expire(connection).size()).whenComplete((n, failure) -> {
            if (failure != null) {
                log.warn("Freeing the consumers and client IDs of expired {} failed: {}", connection, failure.toString());
            }
        });
    }

    static RuntimeException translate(RuntimeException e) {
        Errors error;
        if (e instanceof ApiException api) {
            return api;
        } else if (e instanceof SubscriptionInUseException) {
            error = Errors.SUBSCRIPTION_IN_USE;
        } else if (e instanceof SubscriptionSharingMismatchException) {
            error = Errors.SUBSCRIPTION_SHARING_MISMATCH;
        } else if (e instanceof UnknownSubscriptionException) {
            error = Errors.UNKNOWN_SUBSCRIPTION;
        } else if (e instanceof InvalidSubscriptionException) {
            error = Errors.INVALID_REQUEST;
        } else if (e instanceof ClientIdInUseException) {
            error = Errors.CLIENT_ID_IN_USE;
        } else if (e instanceof InvalidClientIdException) {
            error = Errors.INVALID_CLIENT_ID;
        } else if (e instanceof CoordinationTimeoutException) {
            error = Errors.REQUEST_TIMED_OUT;
        } else {
            return e;
        }
        return new ApiException(error, e.getMessage(), e);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
