package dev.partita.broker.delivery;

/** Readable fixed ids for unit tests. */
final class TestIds {

    static final ConnectionId C1 = new ConnectionId(1, 1);
    static final ConnectionId C2 = new ConnectionId(2, 2);
    static final SessionId S1 = new SessionId(0, 1);
    static final SessionId S2 = new SessionId(0, 2);
    static final SessionId S3 = new SessionId(0, 3);

    private TestIds() {
    }
}
