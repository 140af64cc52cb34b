package dev.partita.broker.delivery;

import java.util.List;

/**
 * One change to a subscription partition's delivery state, as written to {@code p.state}. The
 * leader creates records ({@link DeliveryLeader}); every replica, and a restart replay, applies
 * them with {@link DeliveryState#apply}. Every record carries the leader epoch of the leader that
 * wrote it. The byte layout is in {@code package-info.java}; {@link StateRecordCodec} encodes it.
 * Immutable (the lists are copied).
 */
public sealed interface StateRecord {

    /** Leader epoch of the partition leader that wrote this record. */
    int leaderEpoch();

    /** The record type, as encoded. */
    StateRecordType type();

    /** {@code session} (at {@code sessionEpoch}, on {@code connection}) acquired {@code ranges}. */
    record Acquire(int leaderEpoch, SessionId session, int sessionEpoch, ConnectionId connection,
                   List<OffsetRange> ranges) implements StateRecord {
        public Acquire {
            ranges = Ranges.checkSorted(ranges);
        }

        @Override
        public StateRecordType type() {
            return StateRecordType.ACQUIRE;
        }
    }

    /** {@code session} acknowledged {@code ranges}, each at the delivery count it was acquired with. */
    record Ack(int leaderEpoch, SessionId session, int sessionEpoch, List<OffsetRange> ranges) implements StateRecord {
        public Ack {
            ranges = Ranges.checkSorted(ranges);
        }

        @Override
        public StateRecordType type() {
            return StateRecordType.ACK;
        }
    }

    /**
     * {@code session} gave back {@code ranges}; those marked delivered get delivery count + 1 and
     * move to {@link DeliveryStatus#DEAD_LETTER_PENDING} if that reaches {@code maxDeliveryCount}.
     */
    record Release(int leaderEpoch, SessionId session, int sessionEpoch, int maxDeliveryCount,
                   List<ReleaseRange> ranges) implements StateRecord {
        public Release {
            ranges = Ranges.checkSortedReleases(ranges);
            Ranges.checkMaxDeliveryCount(maxDeliveryCount);
        }

        @Override
        public StateRecordType type() {
            return StateRecordType.RELEASE;
        }
    }

    /**
     * {@code ranges} are finished without an ack. With a session (a client rejecting, e.g. an
     * expired message) they must be held by it; without one (the broker: expiry reaper, filter,
     * dead-letter move) they must be available or dead-letter pending.
     *
     * @param session null when the broker archives
     */
    record Archive(int leaderEpoch, ArchiveReason reason, SessionId session, int sessionEpoch,
                   List<OffsetRange> ranges) implements StateRecord {
        public Archive {
            ranges = Ranges.checkSorted(ranges);
            if (reason == null) {
                throw new IllegalArgumentException("archive reason is null");
            }
        }

        @Override
        public StateRecordType type() {
            return StateRecordType.ARCHIVE;
        }
    }

    /**
     * The leader ends {@code session} at {@code sessionEpoch}: everything it holds is released with
     * delivery count + 1 (the leader cannot know what reached the application, and over-counting
     * is safe where under-counting is not). {@link ExpireReason#LEASE_EXPIRED} bumps the session
     * epoch and keeps the session as a tombstone; {@link ExpireReason#CLOSED} forgets it.
     */
    record Expire(int leaderEpoch, SessionId session, int sessionEpoch, ExpireReason reason,
                  int maxDeliveryCount) implements StateRecord {
        public Expire {
            if (reason == null) {
                throw new IllegalArgumentException("expire reason is null");
            }
            Ranges.checkMaxDeliveryCount(maxDeliveryCount);
        }

        @Override
        public StateRecordType type() {
            return StateRecordType.EXPIRE;
        }
    }

    /** The whole state; replay starts from the latest one. */
    record Snapshot(int leaderEpoch, long start, List<SessionEntry> sessions, List<Run> runs) implements StateRecord {
        public Snapshot {
            sessions = List.copyOf(sessions);
            runs = List.copyOf(runs);
        }

        @Override
        public StateRecordType type() {
            return StateRecordType.SNAPSHOT;
        }
    }

    /**
     * Reserved for transactions: {@code session} acks {@code ranges} inside producer
     * {@code producerId}'s transaction; they stay pending until a marker decides.
     */
    record PendingAck(int leaderEpoch, SessionId session, int sessionEpoch, long producerId, short producerEpoch,
                      List<OffsetRange> ranges) implements StateRecord {
        public PendingAck {
            ranges = Ranges.checkSorted(ranges);
        }

        @Override
        public StateRecordType type() {
            return StateRecordType.PENDING_ACK;
        }
    }

    /**
     * Reserved for transactions: the coordinator's decision for producer {@code producerId} at
     * {@code producerEpoch}. Commit acknowledges its pending acks; abort makes them available with
     * delivery count + 1.
     */
    record TxnMarker(int leaderEpoch, boolean commit, long producerId, short producerEpoch,
                     int maxDeliveryCount) implements StateRecord {
        public TxnMarker {
            Ranges.checkMaxDeliveryCount(maxDeliveryCount);
        }

        @Override
        public StateRecordType type() {
            return commit ? StateRecordType.TXN_COMMIT_MARKER : StateRecordType.TXN_ABORT_MARKER;
        }
    }

    /** A known session in a snapshot. */
    record SessionEntry(SessionId session, SessionInfo info) {
    }
}
