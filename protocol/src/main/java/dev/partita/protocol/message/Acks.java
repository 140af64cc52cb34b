package dev.partita.protocol.message;

import java.util.Optional;

/**
 * When a produce request is answered. {@link #LEADER}: appended on the leader (lossy if the
 * leader fails before the data is fsynced or replicated). {@link #ALL}: below the high watermark,
 * which on a single replica is the last fsynced offset. {@link #NONE}: no answer (unused for now).
 */
public enum Acks {
    NONE(0),
    LEADER(1),
    ALL(-1);

    private final short code;

    Acks(int code) {
        this.code = (short) code;
    }

    public short code() { return code; }

    public static Optional<Acks> forCode(short code) {
        for (Acks acks : values()) {
            if (acks.code == code) {
                return Optional.of(acks);
            }
        }
        return Optional.empty();
    }
}
