package dev.partita.protocol.message;

import java.util.Optional;

/**
 * Whether a log backs a JMS queue or a JMS topic. Queue X and topic X are different logs.
 * The byte code is what goes on the wire and never changes.
 */
public enum DestinationKind {
    QUEUE(1),
    TOPIC(2);

    private final byte code;

    DestinationKind(int code) {
        this.code = (byte) code;
    }

    public byte code() { return code; }

    /** The kind with this code, or empty for a code this build does not know. */
    public static Optional<DestinationKind> forCode(byte code) {
        for (DestinationKind kind : values()) {
            if (kind.code == code) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
