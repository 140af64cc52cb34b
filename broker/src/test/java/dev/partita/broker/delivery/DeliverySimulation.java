package dev.partita.broker.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * A seeded simulation of one queue subscription on one partition: the message log grows, many
 * sessions on a few connections acquire, deliver, ack (also repeated and stale acks), recover,
 * close consumers and sessions; connections die and their leases expire as the clock advances;
 * the leader restarts from the persisted state log, losing what was not flushed. Records are
 * confirmed (applied) only after their flush. After every event the invariants of DESIGN.md are
 * checked against the production classes and an independent {@link ReferenceModel}.
 */
final class DeliverySimulation {

    static final int MAX_DELIVERIES = 3;
    static final long LEASE_MS = 1_000;
    static final DeliveryConfig CONFIG = new DeliveryConfig(MAX_DELIVERIES, LEASE_MS, 3_000);
    /** A client fails a connection it could not reach for this long; below the session retention, as it must be. */
    static final long RECONNECT_TIMEOUT_MS = 2_000;

    /** A client session as its client sees it. */
    static final class Client {
        final SessionId id;
        final ConnectionId connection;
        int epoch;
        final TreeMap<Long, Integer> prefetched = new TreeMap<>();
        final TreeMap<Long, Integer> delivered = new TreeMap<>();

        Client(SessionId id, ConnectionId connection) {
            this.id = id;
            this.connection = connection;
        }
    }

    record StaleAck(SessionId session, int epoch, List<OffsetRange> ranges) {
    }

    /** How often each interesting path ran, summed by the test to prove the simulation reaches it. */
    final Map<String, Integer> stats = new TreeMap<>();

    private final long seed;
    private final Random random;
    private final SimulatedStateStore store;
    private final List<ConnectionId> connections = new ArrayList<>();
    private final Set<ConnectionId> alive = new HashSet<>();
    private final Map<ConnectionId, Long> deadSince = new HashMap<>();
    private final TreeMap<SessionId, Client> clients = new TreeMap<>();
    private final ArrayDeque<StateRecord> unwritten = new ArrayDeque<>();
    private final List<StateRecord> inFlight = new ArrayList<>();
    private final Set<Long> acked = new HashSet<>();
    private final Map<Long, Integer> lastCount = new HashMap<>();
    private final Map<Long, Integer> appDeliveries = new HashMap<>();
    private final List<StateRecord.Ack> confirmedAcks = new ArrayList<>();
    private final List<StaleAck> staleAcks = new ArrayList<>();
    private int confirmedRecords;
    private long now;
    private long highWatermark;
    private int leaderEpoch;
    private DeliveryLeader leader;
    private ReferenceModel model;
    private int step;
    private String event = "start";

    DeliverySimulation(long seed, SimulatedStateStore store) {
        this.seed = seed;
        this.random = new Random(seed);
        this.store = store;
        this.leader = new DeliveryLeader(new DeliveryState(0), 0, CONFIG);
        this.model = new ReferenceModel(0);
        for (int i = 0; i < 3; i++) {
            ConnectionId connection = new ConnectionId(seed, i);
            connections.add(connection);
            alive.add(connection);
        }
        for (int i = 0; i < 5; i++) {
            newSession();
        }
    }

    void run(int events) {
        for (step = 0; step < events; step++) {
            int dice = random.nextInt(100);
            try {
                if (dice < 8) { event = "append"; highWatermark += 1 + random.nextInt(5); }
                else if (dice < 20) { acquire(); }
                else if (dice < 34) { deliver(); }
                else if (dice < 43) { ack(); }
                else if (dice < 45) { duplicateAck(); }
                else if (dice < 47) { staleAck(); }
                else if (dice < 50) { recover(); }
                else if (dice < 52) { closeConsumer(); }
                else if (dice < 58) { tick(); }
                else if (dice < 59) { toggleConnection(); }
                else if (dice < 61) { newSession(); }
                else if (dice < 62) { closeSession(); }
                else if (dice < 64) { deadLetter(); }
                else if (dice < 65) { archiveExpired(); }
                else if (dice < 66) { event = "snapshot"; propose(leader.snapshot()); }
                else if (dice < 80) { write(); }
                else if (dice < 93) { flush(); }
                else if (dice < 94) { restart(); }
                else if (dice < 95) { clientRejects(); }
                else { deliver(); }
                checkInvariants();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ", step " + step + " (" + event + "): " + e.getMessage(), e);
            }
        }
    }

    // ---------------------------------------------------------------- events

    /** A session whose connection is up (a client on a dead connection sends nothing). */
    private Client randomClient() {
        List<Client> all = new ArrayList<>();
        for (Client client : clients.values()) {
            if (alive.contains(client.connection)) {
                all.add(client);
            }
        }
        return all.isEmpty() ? null : all.get(random.nextInt(all.size()));
    }

    private void newSession() {
        event = "new session";
        SessionId id = new SessionId(random.nextLong(), random.nextLong());
        clients.put(id, new Client(id, connections.get(random.nextInt(connections.size()))));
    }

    private void acquire() {
        event = "acquire";
        Client client = randomClient();
        if (client == null) {
            return;
        }
        int max = 1 + random.nextInt(8);
        int maxScan = random.nextInt(10);
        LongPredicate filter = AcquireRequest.ACCEPT_ALL;
        if (random.nextInt(10) < 3) {
            int modulus = 2 + random.nextInt(3);
            int rejectedRemainder = random.nextInt(modulus);
            filter = offset -> offset % modulus != rejectedRemainder;
        }
        Proposal proposal = leader.acquire(new AcquireRequest(client.id, client.epoch, client.connection, highWatermark,
                max, maxScan, filter));
        SessionInfo info = model.sessions.get(client.id);
        boolean expiring = expiringInFlight(client.id);
        if (expiring) {
            count("acquire refused while an expiry is in flight");
            assertThat(proposal).isInstanceOf(Proposal.Refused.class);
            assertThat(((Proposal.Refused) proposal).error()).isEqualTo(DeliveryError.IN_FLIGHT);
            return;
        }
        if (info != null && info.epoch() != client.epoch) {
            assertThat(proposal).isInstanceOf(Proposal.Refused.class);
            learnStale(client, (Proposal.Refused) proposal);
            return;
        }
        // Order: exactly the oldest available offsets that are not in flight and pass the filter.
        List<OffsetRange> expected = new ArrayList<>();
        Set<Long> busy = inFlightOffsets();
        int taken = 0;
        int rejected = 0;
        for (long o = model.start; o < highWatermark && taken < max; o++) {
            if (!model.isAvailable(o) || busy.contains(o)) {
                continue;
            }
            if (!filter.test(o)) {
                if (++rejected > maxScan) {
                    break;
                }
                continue;
            }
            Ranges.appendOffset(expected, o, model.count(o));
            taken++;
        }
        if (expected.isEmpty()) {
            assertThat(proposal).isInstanceOf(Proposal.Nothing.class);
        } else {
            assertThat(proposal).isInstanceOf(Proposal.Append.class);
            assertThat(((StateRecord.Acquire) ((Proposal.Append) proposal).record()).ranges()).isEqualTo(expected);
            propose(proposal);
        }
    }

    private void deliver() {
        event = "deliver";
        Client client = randomClient();
        if (client == null || client.prefetched.isEmpty()) {
            return;
        }
        Map.Entry<Long, Integer> first = client.prefetched.pollFirstEntry();
        client.delivered.put(first.getKey(), first.getValue());
        appDeliveries.merge(first.getKey(), 1, Integer::sum);
    }

    private void ack() {
        event = "ack";
        Client client = randomClient();
        if (client == null || client.delivered.isEmpty()) {
            return;
        }
        TreeMap<Long, Integer> chosen = new TreeMap<>();
        boolean all = random.nextBoolean();
        client.delivered.forEach((o, c) -> {
            if (all || random.nextBoolean()) {
                chosen.put(o, c);
            }
        });
        if (chosen.isEmpty()) {
            return;
        }
        List<OffsetRange> ranges = ranges(chosen);
        Proposal proposal = leader.ack(client.id, client.epoch, ranges);
        if (proposal instanceof Proposal.Append) {
            propose(proposal);
        } else if (proposal instanceof Proposal.Nothing) {
            assertAllAcked(ranges);
            chosen.keySet().forEach(o -> client.delivered.remove(o));
            acked.addAll(chosen.keySet());
        } else {
            Proposal.Refused refused = (Proposal.Refused) proposal;
            if (refused.error() == DeliveryError.STALE_SESSION_EPOCH) {
                learnStale(client, refused);
            } else if (refused.error() == DeliveryError.NOT_HELD) {
                chosen.keySet().forEach(o -> client.delivered.remove(o)); // the ack failed; the messages come again
            } else {
                assertThat(refused.error()).isEqualTo(DeliveryError.IN_FLIGHT);
            }
        }
    }

    private void duplicateAck() {
        event = "duplicate ack";
        if (confirmedAcks.isEmpty()) {
            return;
        }
        StateRecord.Ack ack = confirmedAcks.get(random.nextInt(confirmedAcks.size()));
        Proposal proposal = leader.ack(ack.session(), ack.sessionEpoch(), ack.ranges());
        assertThat(proposal).as("a repeated ack succeeds without a write").isInstanceOf(Proposal.Nothing.class);
        count("repeated ack");
    }

    private void staleAck() {
        event = "stale ack";
        if (staleAcks.isEmpty()) {
            return;
        }
        StaleAck stale = staleAcks.get(random.nextInt(staleAcks.size()));
        Proposal proposal = leader.ack(stale.session(), stale.epoch(), stale.ranges());
        if (proposal instanceof Proposal.Nothing) {
            assertAllAcked(stale.ranges());
        } else {
            assertThat(proposal).as("an ack from an expired session epoch").isInstanceOf(Proposal.Refused.class);
            count("stale ack refused " + ((Proposal.Refused) proposal).error());
        }
    }

    private void recover() {
        event = "recover";
        Client client = randomClient();
        if (client == null || client.prefetched.isEmpty() && client.delivered.isEmpty()) {
            return;
        }
        release(client, true);
    }

    private void closeConsumer() {
        event = "close consumer";
        Client client = randomClient();
        if (client == null || client.prefetched.isEmpty()) {
            return;
        }
        release(client, false);
    }

    /** Releases the prefetch (not delivered) and, for a recover, the delivered messages (count + 1). */
    private boolean release(Client client, boolean alsoDelivered) {
        TreeMap<Long, Boolean> flags = new TreeMap<>();
        TreeMap<Long, Integer> counts = new TreeMap<>(client.prefetched);
        client.prefetched.keySet().forEach(o -> flags.put(o, false));
        if (alsoDelivered) {
            counts.putAll(client.delivered);
            client.delivered.keySet().forEach(o -> flags.put(o, true));
        }
        if (flags.isEmpty()) {
            return true;
        }
        List<ReleaseRange> ranges = new ArrayList<>();
        flags.forEach((o, delivered) -> {
            int count = counts.get(o);
            ReleaseRange last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last.range().last() + 1 == o && last.delivered() == delivered
                    && last.range().deliveryCount() == count) {
                ranges.set(ranges.size() - 1, ReleaseRange.of(last.range().first(), o, count, delivered));
            } else {
                ranges.add(ReleaseRange.of(o, o, count, delivered));
            }
        });
        Proposal proposal = leader.release(client.id, client.epoch, ranges);
        if (proposal instanceof Proposal.Refused refused) {
            if (refused.error() == DeliveryError.STALE_SESSION_EPOCH) {
                learnStale(client, refused);
                return true;
            }
            assertThat(refused.error()).isIn(DeliveryError.IN_FLIGHT, DeliveryError.NOT_HELD);
            return false;
        }
        if (proposal instanceof Proposal.Append) {
            propose(proposal);
        } else {
            // The leader knows none of them as held: e.g. an ack that survived a crash unconfirmed.
            assertThat(proposal).isInstanceOf(Proposal.Nothing.class);
        }
        // The client stops delivering what it gave back at once, whatever happens to the request.
        client.prefetched.clear();
        if (alsoDelivered) {
            client.delivered.clear();
        }
        return true;
    }

    /** The client finds a prefetched message expired and finishes it without delivering it. */
    private void clientRejects() {
        event = "client rejects";
        Client client = randomClient();
        if (client == null || client.prefetched.isEmpty()) {
            return;
        }
        Map.Entry<Long, Integer> first = client.prefetched.firstEntry();
        Proposal proposal = leader.reject(client.id, client.epoch, List.of(OffsetRange.of(first.getKey(), first.getValue())),
                ArchiveReason.EXPIRED);
        if (proposal instanceof Proposal.Append) {
            propose(proposal);
            client.prefetched.remove(first.getKey());
        } else if (((Proposal.Refused) proposal).error() == DeliveryError.STALE_SESSION_EPOCH) {
            learnStale(client, (Proposal.Refused) proposal);
        } else {
            assertThat(((Proposal.Refused) proposal).error()).isIn(DeliveryError.IN_FLIGHT, DeliveryError.NOT_HELD);
        }
    }

    private void tick() {
        event = "tick";
        now += random.nextInt(400);
        for (ConnectionId connection : connections) {
            if (alive.contains(connection) && random.nextInt(10) < 8) {
                leader.heartbeat(connection, now);
            }
        }
        PollResult poll = leader.poll(now);
        assertThat(poll.nextDeadlineMs()).isGreaterThan(now);
        for (StateRecord record : poll.records()) {
            StateRecord.Expire expire = (StateRecord.Expire) record;
            SessionInfo info = model.sessions.get(expire.session());
            assertThat(info).isNotNull();
            assertThat(expire.sessionEpoch()).isEqualTo(info.epoch());
            assertThat(expire.reason()).isEqualTo(info.expired() ? ExpireReason.CLOSED : ExpireReason.LEASE_EXPIRED);
            unwritten.addLast(record);
            inFlight.add(record);
        }
    }

    private void toggleConnection() {
        event = "toggle connection";
        ConnectionId connection = connections.get(random.nextInt(connections.size()));
        if (alive.remove(connection)) {
            deadSince.put(connection, now);
        } else {
            alive.add(connection);
            if (now - deadSince.remove(connection) > RECONNECT_TIMEOUT_MS) {
                // The client gave up on the connection and abandoned its sessions; the broker
                // expires and later forgets them.
                clients.values().removeIf(client -> client.connection.equals(connection));
            }
            // Otherwise it reconnected in time and its sessions go on, perhaps at an epoch the
            // leader has moved past meanwhile: their next requests tell them so.
        }
    }

    private void closeSession() {
        event = "close session";
        Client client = randomClient();
        if (client == null || !release(client, true)) {
            return;
        }
        if (!clients.containsKey(client.id)) {
            return;
        }
        Proposal proposal = leader.closeSession(client.id, client.epoch);
        if (proposal instanceof Proposal.Append) {
            propose(proposal);
            clients.remove(client.id);
        } else if (proposal instanceof Proposal.Refused refused && refused.error() == DeliveryError.STALE_SESSION_EPOCH) {
            learnStale(client, refused);
        } else if (proposal instanceof Proposal.Refused refused && refused.error() == DeliveryError.IN_FLIGHT) {
            return; // being expired: the client retries later
        } else {
            // NOT_HELD: the session never acquired anything the leader knows of
            assertThat(((Proposal.Refused) proposal).error()).isEqualTo(DeliveryError.NOT_HELD);
            assertThat(model.sessions).doesNotContainKey(client.id);
            clients.remove(client.id);
        }
    }

    private void deadLetter() {
        event = "dead letter";
        List<Run> pending = leader.state().deadLetterPending();
        if (pending.isEmpty()) {
            return;
        }
        Run run = pending.get(0);
        assertThat(run.deliveryCount()).isGreaterThanOrEqualTo(MAX_DELIVERIES);
        Proposal proposal = leader.archive(ArchiveReason.DEAD_LETTERED,
                List.of(new OffsetRange(run.first(), run.last(), run.deliveryCount())));
        if (proposal instanceof Proposal.Refused refused) {
            assertThat(refused.error()).isEqualTo(DeliveryError.IN_FLIGHT);
        } else {
            propose(proposal);
        }
    }

    private void archiveExpired() {
        event = "archive expired";
        Set<Long> busy = inFlightOffsets();
        for (long o = model.start; o < highWatermark; o++) {
            if (model.isAvailable(o) && !busy.contains(o)) {
                propose(leader.archive(ArchiveReason.EXPIRED, List.of(OffsetRange.of(o, model.count(o)))));
                return;
            }
        }
    }

    private void write() {
        event = "write";
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n && !unwritten.isEmpty(); i++) {
            store.write(unwritten.pollFirst(), leaderEpoch, now);
        }
    }

    private void flush() {
        event = "flush";
        for (StateRecord record : store.flush()) {
            confirm(record);
        }
    }

    /** A committed record: the leader applies it and the client gets its answer. */
    private void confirm(StateRecord record) {
        assertThat(inFlight.remove(0)).isEqualTo(record);
        confirmedRecords++;
        if (record instanceof StateRecord.Snapshot snapshot) {
            assertSnapshotMatchesModel(snapshot);
        }
        boolean modelApplied = model.apply(record);
        ApplyResult result = leader.apply(record);
        assertThat(result.applied()).as("result of %s", record).isEqualTo(modelApplied);
        assertThat(result.applied()).as("a record the leader proposed applies when committed: %s", result).isTrue();
        count("committed " + record.type() + (record instanceof StateRecord.Expire e ? " " + e.reason() : "")
                + (record instanceof StateRecord.Archive a ? " " + a.reason() : "")
                + (record instanceof StateRecord.Archive a && a.session() != null ? " by a session" : ""));
        if (result instanceof ApplyResult.Applied applied && !applied.newlyDeadLetterPending().isEmpty()) {
            count("parked for the dead-letter queue");
        }
        if (record instanceof StateRecord.Acquire a && a.ranges().stream().anyMatch(r -> r.deliveryCount() > 0)) {
            count("redelivery acquired");
        }
        if (record instanceof StateRecord.Acquire acquire) {
            Client client = clients.get(acquire.session());
            for (OffsetRange range : acquire.ranges()) {
                for (long o = range.first(); o <= range.last(); o++) {
                    check(!acked.contains(o), "ack finality: acknowledged offset %d acquired again", o);
                    check(range.deliveryCount() >= lastCount.getOrDefault(o, 0), "delivery count of %d went down", o);
                    check(range.deliveryCount() >= appDeliveries.getOrDefault(o, 0),
                            "delivery count of %d under-counts deliveries", o);
                    lastCount.put(o, range.deliveryCount());
                    for (Client other : clients.values()) {
                        SessionInfo info = model.sessions.get(other.id);
                        if (other != client && info != null && info.epoch() == other.epoch) {
                            check(!other.prefetched.containsKey(o) && !other.delivered.containsKey(o),
                                    "exclusive ownership: %d acquired by %s while %s holds it", o, acquire.session(), other.id);
                        }
                    }
                    if (client != null && client.epoch == acquire.sessionEpoch()) {
                        client.prefetched.put(o, range.deliveryCount());
                    }
                }
            }
        } else if (record instanceof StateRecord.Ack ack) {
            confirmedAcks.add(ack);
            Client client = clients.get(ack.session());
            for (OffsetRange range : ack.ranges()) {
                for (long o = range.first(); o <= range.last(); o++) {
                    acked.add(o);
                    if (client != null) {
                        client.delivered.remove(o);
                    }
                }
            }
        }
    }

    private void restart() {
        event = "restart";
        List<StateRecord> stored = store.crashAndRecover(random);
        assertThat(stored.size()).as("every confirmed record survives").isGreaterThanOrEqualTo(confirmedRecords);
        count("restart");
        if (stored.size() > confirmedRecords) {
            count("restart kept unconfirmed records");
        }
        if (stored.size() < confirmedRecords + inFlight.size()) {
            count("restart lost unconfirmed records");
        }
        ReferenceModel rebuiltModel = new ReferenceModel(0);
        stored.forEach(rebuiltModel::apply);
        DeliveryState rebuilt = store.rebuild();
        model = rebuiltModel;
        confirmedRecords = stored.size();
        unwritten.clear();
        inFlight.clear();
        assertMatchesModel(rebuilt);
        for (long o : acked) {
            assertThat(rebuilt.isFinished(o)).as("acknowledged offset %d after restart", o).isTrue();
        }
        StateRecord stale = stored.isEmpty() ? null : stored.get(stored.size() - 1);
        leaderEpoch++;
        leader = new DeliveryLeader(rebuilt, leaderEpoch, CONFIG);
        // The new leader's first record; after it, anything from the old epoch is refused.
        propose(leader.snapshot());
        store.write(unwritten.pollFirst(), leaderEpoch, now);
        flush();
        if (stale != null) {
            String before = leader.state().toSnapshot(0).toString();
            ApplyResult result = leader.apply(stale);
            assertThat(result).isEqualTo(new ApplyResult.Rejected(DeliveryError.STALE_LEADER_EPOCH,
                    ((ApplyResult.Rejected) result).message()));
            assertThat(leader.state().toSnapshot(0).toString()).isEqualTo(before);
        }
    }

    // ---------------------------------------------------------------- helpers

    private void count(String what) {
        stats.merge(what, 1, Integer::sum);
    }

    private void propose(Proposal proposal) {
        assertThat(proposal).isInstanceOf(Proposal.Append.class);
        StateRecord record = ((Proposal.Append) proposal).record();
        assertThat(record.leaderEpoch()).isEqualTo(leaderEpoch);
        unwritten.addLast(record);
        inFlight.add(record);
    }

    private void learnStale(Client client, Proposal.Refused refused) {
        assertThat(refused.error()).isEqualTo(DeliveryError.STALE_SESSION_EPOCH);
        count("client learned a new session epoch");
        if (!client.delivered.isEmpty() && staleAcks.size() < 50) {
            staleAcks.add(new StaleAck(client.id, client.epoch, ranges(client.delivered)));
        }
        client.prefetched.clear();
        client.delivered.clear();
        if (refused.currentSessionEpoch() > client.epoch) {
            client.epoch = refused.currentSessionEpoch();
        }
    }

    private boolean expiringInFlight(SessionId session) {
        for (StateRecord record : inFlight) {
            if (record instanceof StateRecord.Expire expire && expire.session().equals(session)) {
                return true;
            }
        }
        return false;
    }

    private Set<Long> inFlightOffsets() {
        Set<Long> offsets = new HashSet<>();
        for (StateRecord record : inFlight) {
            List<OffsetRange> ranges = List.of();
            if (record instanceof StateRecord.Acquire r) {
                ranges = r.ranges();
            } else if (record instanceof StateRecord.Ack r) {
                ranges = r.ranges();
            } else if (record instanceof StateRecord.Archive r) {
                ranges = r.ranges();
            } else if (record instanceof StateRecord.Release r) {
                ranges = r.ranges().stream().map(ReleaseRange::range).toList();
            }
            for (OffsetRange range : ranges) {
                for (long o = range.first(); o <= range.last(); o++) {
                    offsets.add(o);
                }
            }
        }
        return offsets;
    }

    private static List<OffsetRange> ranges(TreeMap<Long, Integer> offsets) {
        List<OffsetRange> ranges = new ArrayList<>();
        offsets.forEach((o, c) -> Ranges.appendOffset(ranges, o, c));
        return ranges;
    }

    private void assertAllAcked(List<OffsetRange> ranges) {
        for (OffsetRange range : ranges) {
            for (long o = range.first(); o <= range.last(); o++) {
                ReferenceModel.Entry entry = model.at(o);
                assertThat(o < model.start || entry != null && entry.status() == DeliveryStatus.ACKNOWLEDGED)
                        .as("offset %d reported as already acknowledged", o).isTrue();
            }
        }
    }

    private void assertSnapshotMatchesModel(StateRecord.Snapshot snapshot) {
        assertThat(snapshot.start()).as("snapshot start").isEqualTo(model.start);
        assertThat(snapshot.runs()).as("snapshot runs").isEqualTo(model.runs());
        List<StateRecord.SessionEntry> sessions = new ArrayList<>();
        model.sessions.forEach((id, info) -> sessions.add(new StateRecord.SessionEntry(id, info)));
        assertThat(snapshot.sessions()).as("snapshot sessions").isEqualTo(sessions);
    }

    private void assertMatchesModel(DeliveryState state) {
        assertThat(state.start()).as("start").isEqualTo(model.start);
        assertThat(state.runs()).as("runs").isEqualTo(model.runs());
        assertThat(state.sessions()).as("sessions").isEqualTo(model.sessions);
    }

    /** Conservation and the shape of the state, after every event (plain checks: this runs 400k times). */
    private void checkInvariants() {
        DeliveryState state = leader.state();
        assertMatchesModel(state);
        check(state.start() <= highWatermark, "start %d above the high watermark %d", state.start(), highWatermark);
        check(state.leaderEpoch() <= leaderEpoch, "state of leader epoch %d", state.leaderEpoch());
        long previousLast = state.start() - 1;
        List<Run> runs = state.runs();
        for (Run run : runs) {
            check(run.first() > previousLast, "runs not sorted, disjoint and above start: %s", runs);
            check(run.last() < highWatermark, "run %s above the high watermark %d", run, highWatermark);
            int count = run.deliveryCount();
            boolean countOk = switch (run.status()) {
                case AVAILABLE -> count >= 1 && count < MAX_DELIVERIES;
                case ACQUIRED -> count < MAX_DELIVERIES;
                case DEAD_LETTER_PENDING -> count >= MAX_DELIVERIES;
                case ACKNOWLEDGED, ARCHIVED -> count == 0;
                case PENDING_ACK -> false;
            };
            check(countOk, "run %s has an impossible delivery count", run);
            previousLast = run.last();
        }
        check(runs.isEmpty() || runs.get(0).first() != state.start() || !runs.get(0).status().isFinished(),
                "start %d stops before a finished run", state.start());
        // nextAvailable keeps a scan hint across calls: it must never hide an offset made available again
        long lowest = -1;
        for (long o = model.start; o < highWatermark; o++) {
            if (model.isAvailable(o)) {
                lowest = o;
                break;
            }
        }
        long found = state.nextAvailable(0, highWatermark);
        check(found == lowest, "nextAvailable found %d, the lowest available offset is %d", found, lowest);
    }

    private static void check(boolean condition, String message, Object... args) {
        if (!condition) {
            fail(String.format(message, args));
        }
    }
}
