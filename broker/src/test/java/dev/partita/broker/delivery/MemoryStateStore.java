package dev.partita.broker.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** An in-memory state log that stores encoded records (so every record goes through the codec). */
final class MemoryStateStore implements SimulatedStateStore {

    private final List<byte[]> durable = new ArrayList<>();
    private final List<byte[]> unflushed = new ArrayList<>();

    @Override
    public void write(StateRecord record, int leaderEpoch, long nowMs) {
        unflushed.add(StateRecordCodec.encode(record));
    }

    @Override
    public List<StateRecord> flush() {
        List<StateRecord> flushed = new ArrayList<>();
        for (byte[] value : unflushed) {
            flushed.add(StateRecordCodec.decode(value));
        }
        durable.addAll(unflushed);
        unflushed.clear();
        return flushed;
    }

    @Override
    public List<StateRecord> crashAndRecover(Random random) {
        int kept = random.nextBoolean() ? 0 : random.nextInt(unflushed.size() + 1);
        durable.addAll(unflushed.subList(0, kept));
        unflushed.clear();
        List<StateRecord> all = new ArrayList<>();
        for (byte[] value : durable) {
            all.add(StateRecordCodec.decode(value));
        }
        return all;
    }

    @Override
    public DeliveryState rebuild() {
        int from = 0;
        for (int i = 0; i < durable.size(); i++) {
            if (StateRecordCodec.decode(durable.get(i)) instanceof StateRecord.Snapshot) {
                from = i;
            }
        }
        DeliveryState state = new DeliveryState(0);
        for (byte[] value : durable.subList(from, durable.size())) {
            state.apply(StateRecordCodec.decode(value));
        }
        return state;
    }

    @Override
    public void close() {
    }
}
