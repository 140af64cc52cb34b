package dev.partita.broker.delivery;

import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.RecordBatch;
import dev.partita.storage.file.CrashSimulatingFileIO;
import dev.partita.storage.file.NoFsyncFileIO;
import dev.partita.storage.log.FlushPolicy;
import dev.partita.storage.log.FlushRequester;
import dev.partita.storage.log.Log;
import dev.partita.storage.log.LogConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The state log as a real storage {@link Log} over {@link CrashSimulatingFileIO}: a crash drops
 * every byte not fsynced (or keeps a torn part of the unsynced tail), recovery cuts what is
 * invalid, and the state is rebuilt with {@link StateLogReplayer#replay}.
 */
final class LogStateStore implements SimulatedStateStore {

    static final StateLog.StateKey KEY = new StateLog.StateKey("queue-Q".getBytes(StandardCharsets.UTF_8));

    private final Path dir;
    private final CrashSimulatingFileIO io = NoFsyncFileIO.crashSimulating();
    private final LogConfig config = LogConfig.builder().segmentBytes(4096).flushPolicy(FlushPolicy.GROUP_COMMIT).build();
    private final Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    private final List<StateRecord> unflushed = new ArrayList<>();
    private Log log;

    LogStateStore(Path dir) {
        this.dir = dir;
        this.log = Log.open(dir, config, io, clock, false, FlushRequester.NONE);
    }

    @Override
    public void write(StateRecord record, int leaderEpoch, long nowMs) {
        log.appendAsLeader(StateLog.batch(KEY, List.of(record), nowMs), leaderEpoch);
        unflushed.add(record);
    }

    @Override
    public List<StateRecord> flush() {
        log.flush();
        List<StateRecord> flushed = List.copyOf(unflushed);
        unflushed.clear();
        return flushed;
    }

    @Override
    public List<StateRecord> crashAndRecover(Random random) {
        try {
            io.crash(random.nextBoolean() ? null : new Random(random.nextLong()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        unflushed.clear();
        log = Log.open(dir, config, io, clock, false, FlushRequester.NONE);
        List<StateRecord> all = new ArrayList<>();
        long next = log.logStartOffset();
        while (next < log.logEndOffset()) {
            MemoryRecords records = log.read(next, 1 << 20, log.logEndOffset(), true).records().toMemoryRecords();
            for (RecordBatch batch : records) {
                for (Record record : batch) {
                    all.add(StateRecordCodec.decode(record.value()));
                }
                next = batch.nextOffset();
            }
        }
        return all;
    }

    @Override
    public DeliveryState rebuild() {
        return StateLogReplayer.replay(log, log.logEndOffset(), 0, KEY);
    }

    @Override
    public void close() {
        log.closeWithoutFlush();
    }
}
