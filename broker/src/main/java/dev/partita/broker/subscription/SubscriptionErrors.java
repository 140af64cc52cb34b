package dev.partita.broker.subscription;

import dev.partita.broker.delivery.DeliveryError;
import dev.partita.broker.partition.StorageErrors;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;
import java.util.concurrent.CompletionException;

/** Maps delivery-state refusals and failures to protocol errors. Stateless. */
final class SubscriptionErrors {

    private SubscriptionErrors() {
    }

    static Errors of(DeliveryError error) {
        return switch (error) {
            case STALE_SESSION_EPOCH -> Errors.STALE_SESSION_EPOCH;
            case NOT_HELD, NOT_AVAILABLE -> Errors.OFFSETS_NOT_HELD;
            case IN_FLIGHT -> Errors.STATE_CHANGE_IN_FLIGHT;
            case STALE_LEADER_EPOCH -> Errors.NOT_LEADER_OR_FOLLOWER;
            case INVALID_REQUEST -> Errors.INVALID_REQUEST;
        };
    }

    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    static Errors of(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof DeliveryRefusedException refused) {
            return of(refused.error());
        } else if (cause instanceof ApiException api) {
            return api.error();
        } else if (cause instanceof IllegalStateException) {
            return Errors.NOT_LEADER_OR_FOLLOWER; // leadership moved while the change was in flight
        }
        return StorageErrors.of(cause);
    }

    static String message(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    static int sessionEpoch(Throwable failure, int otherwise) {
        return unwrap(failure) instanceof DeliveryRefusedException refused && refused.sessionEpoch() >= 0
                ? refused.sessionEpoch() : otherwise;
    }
}
