package dev.partita.broker.delivery;

/** Why offsets were finished without an ack; codes are part of the record format. */
public enum ArchiveReason {
    /** The message's {@code JMSExpiration} passed. */
    EXPIRED(1),
    /** Moved to the dead-letter queue after the maximum delivery count. */
    DEAD_LETTERED(2),
    /** A topic subscription's selector rejected it. */
    FILTERED(3),
    /** A client rejected it (reserved for an explicit reject). */
    REJECTED(4);

    private final int code;

    ArchiveReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ArchiveReason forCode(int code) {
        for (ArchiveReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        throw new StateRecordFormatException("unknown archive reason " + code);
    }
}
