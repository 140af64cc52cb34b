package dev.partita.protocol.message;

import java.util.Optional;

/** Which records a fetch or list-offsets request may see: all, or only committed ones. */
public enum IsolationLevel {
    READ_UNCOMMITTED(0),
    READ_COMMITTED(1);

    private final byte code;

    IsolationLevel(int code) {
        this.code = (byte) code;
    }

    public byte code() { return code; }

    public static Optional<IsolationLevel> forCode(byte code) {
        for (IsolationLevel level : values()) {
            if (level.code == code) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
