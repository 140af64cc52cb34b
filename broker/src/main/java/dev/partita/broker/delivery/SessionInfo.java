package dev.partita.broker.delivery;

/**
 * What the state knows of a session: the connection that owns it, its current epoch, and whether
 * its lease expired (a tombstone: it holds nothing, and requests at an older epoch are told so).
 * Immutable.
 */
public record SessionInfo(ConnectionId connection, int epoch, boolean expired) {

    public SessionInfo {
        if (connection == null) {
            throw new IllegalArgumentException("connection is null");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("negative session epoch " + epoch);
        }
    }
}
