package dev.partita.broker.delivery;

import java.util.function.LongPredicate;

/**
 * A fetch that acquires records for a session.
 *
 * @param endOffsetExclusive the partition's high watermark: nothing at or above it is acquired
 * @param maxRecords         at most this many offsets
 * @param maxScan            at most this many offsets the filter rejects are examined (bounds the
 *                           work of a selective consumer behind a large backlog)
 * @param filter             the consumer's selector as a test on offsets: rejected offsets are
 *                           skipped for this consumer and stay available for others
 * @param fromOffset         nothing below it is acquired: the first offset the caller read records
 *                           for (a subscription's start may lie below the log start once retention
 *                           deleted what it never consumed; those offsets have no records to hand out)
 */
public record AcquireRequest(SessionId session, int sessionEpoch, ConnectionId connection, long endOffsetExclusive,
                             int maxRecords, int maxScan, LongPredicate filter, long fromOffset) {

    public static final LongPredicate ACCEPT_ALL = offset -> true;

    public AcquireRequest {
        if (session == null || connection == null || filter == null) {
            throw new IllegalArgumentException("session, connection and filter are required");
        }
        if (sessionEpoch < 0 || maxRecords < 1 || maxScan < 0 || endOffsetExclusive < 0 || fromOffset < 0) {
            throw new IllegalArgumentException("invalid acquire request: epoch " + sessionEpoch + ", maxRecords "
                    + maxRecords + ", maxScan " + maxScan + ", end " + endOffsetExclusive);
        }
    }

    /** From the subscription's start. */
    public AcquireRequest(SessionId session, int sessionEpoch, ConnectionId connection, long endOffsetExclusive,
                          int maxRecords, int maxScan, LongPredicate filter) {
        this(session, sessionEpoch, connection, endOffsetExclusive, maxRecords, maxScan, filter, 0);
    }

    /** Acquires up to {@code maxRecords} with no selector. */
    public static AcquireRequest of(SessionId session, int sessionEpoch, ConnectionId connection,
                                    long endOffsetExclusive, int maxRecords) {
        return new AcquireRequest(session, sessionEpoch, connection, endOffsetExclusive, maxRecords, 0, ACCEPT_ALL);
    }
}
