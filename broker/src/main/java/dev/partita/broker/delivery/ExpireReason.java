package dev.partita.broker.delivery;

/** Why a session ends; codes are part of the record format. */
public enum ExpireReason {
    /** Its connection's lease ran out: the session epoch is bumped, the session kept as a tombstone. */
    LEASE_EXPIRED(1),
    /** Closed by its client, or a tombstone the leader forgets: the session entry is removed. */
    CLOSED(2);

    private final int code;

    ExpireReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ExpireReason forCode(int code) {
        for (ExpireReason reason : values()) {
            if (reason.code == code) {
                return reason;
            }
        }
        throw new StateRecordFormatException("unknown expire reason " + code);
    }
}
