package dev.partita.broker.delivery;

/**
 * The state of an offset above a subscription partition's {@code start}, as stored in its run.
 * Codes are part of the snapshot format and never change.
 */
public enum DeliveryStatus {
    /** Available again after a release: stored only because its delivery count is above 0. */
    AVAILABLE(0),
    /** Held by a session (owner = {@link Owner.Session}). */
    ACQUIRED(1),
    /** Acknowledged inside an open transaction (owner = {@link Owner.Transaction}); reserved. */
    PENDING_ACK(2),
    ACKNOWLEDGED(3),
    /** Finished without an ack: expired, dead-lettered, filtered or rejected. */
    ARCHIVED(4),
    /**
     * Reached the maximum delivery count: no longer deliverable, waiting for the leader to append
     * it to the dead-letter queue and then archive it.
     */
    DEAD_LETTER_PENDING(5);

    private final int code;

    DeliveryStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Acknowledged or archived: nothing will ever deliver it again. */
    public boolean isFinished() {
        return this == ACKNOWLEDGED || this == ARCHIVED;
    }

    /** @throws StateRecordFormatException for an unknown code */
    public static DeliveryStatus forCode(int code) {
        for (DeliveryStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new StateRecordFormatException("unknown delivery status code " + code);
    }
}
