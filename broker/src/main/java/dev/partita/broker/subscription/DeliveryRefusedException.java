package dev.partita.broker.subscription;

import dev.partita.broker.delivery.DeliveryError;

/**
 * The delivery state refused an operation (before or at commit); carries the session's current
 * epoch so the client learns where to continue.
 */
final class DeliveryRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final DeliveryError error;
    private final int sessionEpoch;

    DeliveryRefusedException(DeliveryError error, String message, int sessionEpoch) {
        super(message, null, false, false);
        this.error = error;
        this.sessionEpoch = sessionEpoch;
    }

    DeliveryError error() {
        return error;
    }

    int sessionEpoch() {
        return sessionEpoch;
    }
}
