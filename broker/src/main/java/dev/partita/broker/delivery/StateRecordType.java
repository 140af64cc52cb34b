package dev.partita.broker.delivery;

/** Record types of {@code p.state}; the codes are the format and never change. */
public enum StateRecordType {
    ACQUIRE(1),
    ACK(2),
    RELEASE(3),
    ARCHIVE(4),
    EXPIRE(5),
    SNAPSHOT(6),
    PENDING_ACK(7),
    TXN_COMMIT_MARKER(8),
    TXN_ABORT_MARKER(9);

    private final int code;

    StateRecordType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws StateRecordFormatException for an unknown code */
    public static StateRecordType forCode(int code) {
        for (StateRecordType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new StateRecordFormatException("unknown state record type " + code);
    }
}
