package dev.partita.broker.delivery;

import dev.partita.protocol.record.InvalidRecordException;
import dev.partita.protocol.record.Varints;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes and decodes {@link StateRecord}s: the values of the records in {@code p.state}. The byte
 * layout is the table in {@code package-info.java}. Decoding reads only the given bytes, checks
 * every count against the bytes left before allocating, and turns anything malformed into a
 * {@link StateRecordFormatException} naming what was wrong. Stateless and thread-safe.
 */
public final class StateRecordCodec {

    /** The format version written; a decoder refuses any other. */
    public static final byte VERSION = 1;
    public static final int VERSION_OFFSET = 0;
    public static final int TYPE_OFFSET = VERSION_OFFSET + 1;
    public static final int LEADER_EPOCH_OFFSET = TYPE_OFFSET + 1;
    public static final int HEADER_SIZE = LEADER_EPOCH_OFFSET + 4;

    private static final int ID_BYTES = 16;
    private static final int MAX_RANGE_BYTES = Varints.MAX_VARLONG_BYTES * 2 + Varints.MAX_VARINT_BYTES + 1;
    private static final int MIN_RANGE_BYTES = 3;
    private static final int MAX_SESSION_BYTES = ID_BYTES * 2 + Varints.MAX_VARINT_BYTES + 1;
    private static final int MIN_SESSION_BYTES = ID_BYTES * 2 + 2;
    private static final int MAX_RUN_BYTES = MAX_RANGE_BYTES + ID_BYTES + Varints.MAX_VARINT_BYTES;
    private static final int MIN_RUN_BYTES = 4;

    private StateRecordCodec() {
    }

    /** The type of an encoded record without decoding the rest (the replayer's scan for snapshots). */
    public static StateRecordType peekType(ByteBuffer value) {
        if (value.remaining() < HEADER_SIZE) {
            throw new StateRecordFormatException("state record of " + value.remaining() + " bytes is shorter than its header");
        }
        checkVersion(value.get(value.position() + VERSION_OFFSET));
        return StateRecordType.forCode(value.get(value.position() + TYPE_OFFSET));
    }

    public static byte[] encode(StateRecord record) {
        ByteBuffer out = ByteBuffer.allocate(maxSize(record));
        out.put(VERSION).put((byte) record.type().code()).putInt(record.leaderEpoch());
        if (record instanceof StateRecord.Acquire r) {
            putSession(out, r.session(), r.sessionEpoch());
            out.putLong(r.connection().high()).putLong(r.connection().low());
            putRanges(out, r.ranges());
        } else if (record instanceof StateRecord.Ack r) {
            putSession(out, r.session(), r.sessionEpoch());
            putRanges(out, r.ranges());
        } else if (record instanceof StateRecord.Release r) {
            putSession(out, r.session(), r.sessionEpoch());
            Varints.writeVarint(r.maxDeliveryCount(), out);
            Varints.writeVarint(r.ranges().size(), out);
            long previousEnd = -1;
            for (ReleaseRange release : r.ranges()) {
                putRange(out, release.range(), previousEnd);
                out.put((byte) (release.delivered() ? 1 : 0));
                previousEnd = release.range().last();
            }
        } else if (record instanceof StateRecord.Archive r) {
            out.put((byte) r.reason().code());
            out.put((byte) (r.session() == null ? 0 : 1));
            if (r.session() != null) {
                putSession(out, r.session(), r.sessionEpoch());
            }
            putRanges(out, r.ranges());
        } else if (record instanceof StateRecord.Expire r) {
            putSession(out, r.session(), r.sessionEpoch());
            out.put((byte) r.reason().code());
            Varints.writeVarint(r.maxDeliveryCount(), out);
        } else if (record instanceof StateRecord.Snapshot r) {
            putSnapshot(out, r);
        } else if (record instanceof StateRecord.PendingAck r) {
            putSession(out, r.session(), r.sessionEpoch());
            out.putLong(r.producerId()).putShort(r.producerEpoch());
            putRanges(out, r.ranges());
        } else if (record instanceof StateRecord.TxnMarker r) {
            out.putLong(r.producerId()).putShort(r.producerEpoch());
            Varints.writeVarint(r.maxDeliveryCount(), out);
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static int maxSize(StateRecord record) {
        int fixed = HEADER_SIZE + 3 * ID_BYTES + 4 * Varints.MAX_VARINT_BYTES + 16;
        if (record instanceof StateRecord.Snapshot s) {
            return fixed + Varints.MAX_VARLONG_BYTES + s.sessions().size() * MAX_SESSION_BYTES + s.runs().size() * MAX_RUN_BYTES;
        }
        int ranges = 0;
        if (record instanceof StateRecord.Acquire r) {
            ranges = r.ranges().size();
        } else if (record instanceof StateRecord.Ack r) {
            ranges = r.ranges().size();
        } else if (record instanceof StateRecord.Release r) {
            ranges = r.ranges().size();
        } else if (record instanceof StateRecord.Archive r) {
            ranges = r.ranges().size();
        } else if (record instanceof StateRecord.PendingAck r) {
            ranges = r.ranges().size();
        }
        return fixed + ranges * MAX_RANGE_BYTES;
    }

    private static void putSession(ByteBuffer out, SessionId session, int epoch) {
        out.putLong(session.high()).putLong(session.low());
        Varints.writeVarint(epoch, out);
    }

    private static void putRanges(ByteBuffer out, List<OffsetRange> ranges) {
        Varints.writeVarint(ranges.size(), out);
        long previousEnd = -1;
        for (OffsetRange range : ranges) {
            putRange(out, range, previousEnd);
            previousEnd = range.last();
        }
    }

    /** First offset as a gap after the previous range (absolute for the first), then length - 1, then count. */
    private static void putRange(ByteBuffer out, OffsetRange range, long previousEnd) {
        Varints.writeVarlong(range.first() - (previousEnd + 1), out);
        Varints.writeVarlong(range.last() - range.first(), out);
        Varints.writeVarint(range.deliveryCount(), out);
    }

    private static void putSnapshot(ByteBuffer out, StateRecord.Snapshot snapshot) {
        Varints.writeVarlong(snapshot.start(), out);
        Varints.writeVarint(snapshot.sessions().size(), out);
        for (StateRecord.SessionEntry entry : snapshot.sessions()) {
            SessionInfo info = entry.info();
            out.putLong(entry.session().high()).putLong(entry.session().low());
            out.putLong(info.connection().high()).putLong(info.connection().low());
            Varints.writeVarint(info.epoch(), out);
            out.put((byte) (info.expired() ? 1 : 0));
        }
        Varints.writeVarint(snapshot.runs().size(), out);
        long previousEnd = snapshot.start() - 1;
        for (Run run : snapshot.runs()) {
            Varints.writeVarlong(run.first() - (previousEnd + 1), out);
            Varints.writeVarlong(run.last() - run.first(), out);
            out.put((byte) run.status().code());
            Varints.writeVarint(run.deliveryCount(), out);
            if (run.owner() instanceof Owner.Session owner) {
                putSession(out, owner.session(), owner.sessionEpoch());
            } else if (run.owner() instanceof Owner.Transaction owner) {
                out.putLong(owner.producerId()).putShort(owner.producerEpoch());
            }
            previousEnd = run.last();
        }
    }

    // ---------------------------------------------------------------- decoding

    /** Decodes one record from all of {@code value} (a copy's position is moved, not the caller's). */
    public static StateRecord decode(byte[] value) {
        return decode(ByteBuffer.wrap(value));
    }

    /**
     * Decodes one record from the remaining bytes of {@code value} (its position is not moved).
     *
     * @throws StateRecordFormatException truncated or trailing bytes, an unknown version, type or
     *         code, a count larger than the bytes could hold, offsets out of range or unsorted
     */
    public static StateRecord decode(ByteBuffer value) {
        ByteBuffer in = value.slice();
        StateRecordType type = peekType(in);
        in.position(HEADER_SIZE);
        int leaderEpoch = in.getInt(LEADER_EPOCH_OFFSET);
        try {
            StateRecord record = switch (type) {
                case ACQUIRE -> new StateRecord.Acquire(leaderEpoch, sessionId(in), epoch(in), connectionId(in), ranges(in));
                case ACK -> new StateRecord.Ack(leaderEpoch, sessionId(in), epoch(in), ranges(in));
                case RELEASE -> {
                    SessionId session = sessionId(in);
                    int epoch = epoch(in);
                    yield new StateRecord.Release(leaderEpoch, session, epoch, nonNegative(in, "maximum delivery count"),
                            releaseRanges(in));
                }
                case ARCHIVE -> archive(in, leaderEpoch);
                case EXPIRE -> new StateRecord.Expire(leaderEpoch, sessionId(in), epoch(in), ExpireReason.forCode(in.get()),
                        nonNegative(in, "maximum delivery count"));
                case SNAPSHOT -> snapshot(in, leaderEpoch);
                case PENDING_ACK -> new StateRecord.PendingAck(leaderEpoch, sessionId(in), epoch(in), in.getLong(),
                        in.getShort(), ranges(in));
                case TXN_COMMIT_MARKER, TXN_ABORT_MARKER -> new StateRecord.TxnMarker(leaderEpoch,
                        type == StateRecordType.TXN_COMMIT_MARKER, in.getLong(), in.getShort(),
                        nonNegative(in, "maximum delivery count"));
            };
            if (in.hasRemaining()) {
                throw new StateRecordFormatException(type + " record has " + in.remaining() + " trailing bytes");
            }
            return record;
        } catch (BufferUnderflowException | InvalidRecordException e) {
            throw new StateRecordFormatException(type + " record truncated or malformed: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new StateRecordFormatException(type + " record is invalid: " + e.getMessage(), e);
        }
    }

    private static void checkVersion(byte version) {
        if (version != VERSION) {
            throw new StateRecordFormatException("unsupported state record version " + version + " (this broker reads "
                    + VERSION + ")");
        }
    }

    private static SessionId sessionId(ByteBuffer in) {
        return new SessionId(in.getLong(), in.getLong());
    }

    private static ConnectionId connectionId(ByteBuffer in) {
        return new ConnectionId(in.getLong(), in.getLong());
    }

    private static int epoch(ByteBuffer in) {
        return nonNegative(in, "session epoch");
    }

    private static int nonNegative(ByteBuffer in, String what) {
        int value = Varints.readVarint(in);
        if (value < 0) {
            throw new StateRecordFormatException("negative " + what + ": " + value);
        }
        return value;
    }

    private static int count(ByteBuffer in, int minEntryBytes, String what) {
        int count = Varints.readVarint(in);
        if (count < 0 || (long) count * minEntryBytes > in.remaining()) {
            throw new StateRecordFormatException(what + " count " + count + " does not fit in the " + in.remaining()
                    + " bytes left");
        }
        return count;
    }

    private static OffsetRange range(ByteBuffer in, long previousEnd) {
        long gap = Varints.readVarlong(in);
        long extent = Varints.readVarlong(in);
        int deliveryCount = Varints.readVarint(in);
        long first = previousEnd + 1 + gap;
        if (gap < 0 || extent < 0 || first < 0 || first + extent < first) {
            throw new StateRecordFormatException("offset range out of bounds: gap " + gap + ", length " + extent + " + 1");
        }
        return new OffsetRange(first, first + extent, deliveryCount);
    }

    private static List<OffsetRange> ranges(ByteBuffer in) {
        int count = count(in, MIN_RANGE_BYTES, "range");
        List<OffsetRange> ranges = new ArrayList<>(count);
        long previousEnd = -1;
        for (int i = 0; i < count; i++) {
            OffsetRange range = range(in, previousEnd);
            ranges.add(range);
            previousEnd = range.last();
        }
        return ranges;
    }

    private static List<ReleaseRange> releaseRanges(ByteBuffer in) {
        int count = count(in, MIN_RANGE_BYTES + 1, "release range");
        List<ReleaseRange> ranges = new ArrayList<>(count);
        long previousEnd = -1;
        for (int i = 0; i < count; i++) {
            OffsetRange range = range(in, previousEnd);
            ranges.add(new ReleaseRange(range, flag(in, "delivered")));
            previousEnd = range.last();
        }
        return ranges;
    }

    private static boolean flag(ByteBuffer in, String what) {
        byte flag = in.get();
        if (flag != 0 && flag != 1) {
            throw new StateRecordFormatException(what + " flag must be 0 or 1, got " + flag);
        }
        return flag == 1;
    }

    private static StateRecord.Archive archive(ByteBuffer in, int leaderEpoch) {
        ArchiveReason reason = ArchiveReason.forCode(in.get());
        boolean bySession = flag(in, "session");
        SessionId session = bySession ? sessionId(in) : null;
        int epoch = bySession ? epoch(in) : 0;
        return new StateRecord.Archive(leaderEpoch, reason, session, epoch, ranges(in));
    }

    private static StateRecord.Snapshot snapshot(ByteBuffer in, int leaderEpoch) {
        long start = Varints.readVarlong(in);
        if (start < 0) {
            throw new StateRecordFormatException("negative snapshot start " + start);
        }
        int sessionCount = count(in, MIN_SESSION_BYTES, "session");
        List<StateRecord.SessionEntry> sessions = new ArrayList<>(sessionCount);
        for (int i = 0; i < sessionCount; i++) {
            SessionId session = sessionId(in);
            ConnectionId connection = connectionId(in);
            int epoch = epoch(in);
            sessions.add(new StateRecord.SessionEntry(session, new SessionInfo(connection, epoch, flag(in, "expired"))));
        }
        int runCount = count(in, MIN_RUN_BYTES, "run");
        List<Run> runs = new ArrayList<>(runCount);
        long previousEnd = start - 1;
        for (int i = 0; i < runCount; i++) {
            long gap = Varints.readVarlong(in);
            long extent = Varints.readVarlong(in);
            long first = previousEnd + 1 + gap;
            if (gap < 0 || extent < 0 || first < 0 || first + extent < first) {
                throw new StateRecordFormatException("snapshot run out of bounds: gap " + gap + ", length " + extent + " + 1");
            }
            DeliveryStatus status = DeliveryStatus.forCode(in.get());
            int deliveryCount = nonNegative(in, "delivery count");
            Owner owner = switch (status) {
                case ACQUIRED -> new Owner.Session(sessionId(in), epoch(in));
                case PENDING_ACK -> new Owner.Transaction(in.getLong(), in.getShort());
                default -> null;
            };
            runs.add(new Run(first, first + extent, status, owner, deliveryCount));
            previousEnd = first + extent;
        }
        return new StateRecord.Snapshot(leaderEpoch, start, sessions, runs);
    }
}
