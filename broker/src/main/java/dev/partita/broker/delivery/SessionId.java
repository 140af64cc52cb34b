package dev.partita.broker.delivery;

import java.util.UUID;

/**
 * A session's logical id: chosen by the client (a random UUID), kept across reconnects, so the
 * acquisitions a session holds survive a dropped TCP connection. Immutable; ordered so that every
 * replica iterates sessions in the same order (snapshots encode identically).
 */
public record SessionId(long high, long low) implements Comparable<SessionId> {

    public static SessionId of(UUID uuid) {
        return new SessionId(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits());
    }

    public UUID toUuid() {
        return new UUID(high, low);
    }

    @Override
    public int compareTo(SessionId other) {
        int byHigh = Long.compare(high, other.high);
        return byHigh != 0 ? byHigh : Long.compare(low, other.low);
    }

    @Override
    public String toString() {
        return "session-" + toUuid();
    }
}
