package dev.partita.broker.subscription;

import dev.partita.broker.delivery.ApplyResult;
import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.delivery.DeliveryConfig;
import dev.partita.broker.delivery.DeliveryError;
import dev.partita.broker.delivery.DeliveryLeader;
import dev.partita.broker.delivery.DeliveryState;
import dev.partita.broker.delivery.ExpireReason;
import dev.partita.broker.delivery.PollResult;
import dev.partita.broker.delivery.Proposal;
import dev.partita.broker.delivery.ReleaseRange;
import dev.partita.broker.delivery.SessionId;
import dev.partita.broker.delivery.SessionInfo;
import dev.partita.broker.delivery.StateLog;
import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.broker.delivery.StateLogReplayer;
import dev.partita.broker.delivery.StateRecord;
import dev.partita.storage.log.Log;
import dev.partita.storage.log.LogAppendInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery state of every subscription of one data partition on its leader, and its
 * {@code p.state} log: one {@link DeliveryLeader} per subscription, records appended to the state
 * log, applied (and their callers answered) only once the state log's durable end passes them.
 *
 * <p>On a new leader epoch it rebuilds everything by replaying the state log and commits a
 * snapshot of each subscription first, so records of an older leader are refused from then on.
 *
 * <p>Not thread-safe: confined to the data partition's writer thread, except {@link #version()}
 * which any thread may read.
 */
final class StatePartition {

    private static final Logger log = LoggerFactory.getLogger(StatePartition.class);

    private record PendingCommit(long endOffset, StateKey key, StateRecord record,
                                 CompletableFuture<ApplyResult> done) {
    }

    private final Log stateLog;
    private final DeliveryConfig config;
    private final Consumer<SessionId> onLeaseExpired;
    private final Runnable onChange;
    private final Map<StateKey, DeliveryLeader> leaders = new HashMap<>();
    private final ArrayDeque<PendingCommit> pending = new ArrayDeque<>();
    /** Acquisitions whose callers were failed before their commit; released after the next rebuild. */
    private final List<PendingCommit> failedAcquisitions = new ArrayList<>();
    private int leaderEpoch = -1;
    private long leadingSinceMs;
    /** End offset of the last state record the leaders' state reflects (the offset cache's version). */
    private long appliedStateOffset;
    private volatile long version;

    /**
     * @param onLeaseExpired told of every session whose lease expiry was committed
     * @param onChange       run after committed records were applied (offsets may have become available)
     */
    StatePartition(Log stateLog, DeliveryConfig config, Consumer<SessionId> onLeaseExpired, Runnable onChange) {
        this.stateLog = stateLog;
        this.config = config;
        this.onLeaseExpired = onLeaseExpired;
        this.onChange = onChange;
    }

    Log stateLog() {
        return stateLog;
    }

    /** Bumped after every batch of applied records: a parked acquire retries when it moved. */
    long version() {
        return version;
    }

    /**
     * Leads in {@code epoch}: on a change, drops what is in flight (its callers fail), replays the
     * state log and commits a snapshot of every subscription before anything else.
     */
    void lead(int epoch, long nowMs) {
        if (epoch == leaderEpoch) {
            return;
        }
        failPending(new IllegalStateException("the partition's leadership changed"));
        leaders.clear();
        stateLog.leaderEpochCache().assign(epoch, stateLog.logEndOffset());
        stateLog.flush(); // whatever was written is replayed, so it must be durable before it counts
        StateLogReplayer.Replay replay = StateLogReplayer.replay(stateLog, stateLog.logEndOffset(), 0);
        leaderEpoch = epoch;
        leadingSinceMs = nowMs;
        appliedStateOffset = stateLog.logEndOffset();
        replay.states().forEach((key, state) -> {
            DeliveryLeader leader = new DeliveryLeader(state, Math.max(epoch, state.leaderEpoch()), config);
            leaders.put(key, leader);
            propose(key, leader.snapshot());
        });
        releaseFailedAcquisitions();
        log.debug("{}: leading {} subscription(s) in epoch {}", stateLog, leaders.size(), epoch);
    }

    /**
     * An acquisition whose caller was answered with a failure may still have reached the log, and
     * then the replay applied it: its session holds offsets its client never learned of, so every
     * later acquire skips them until the session's lease runs out. They go back to available at the
     * same delivery count (they were never delivered); a release of what is not held is a no-op.
     */
    private void releaseFailedAcquisitions() {
        List<PendingCommit> failed = List.copyOf(failedAcquisitions);
        failedAcquisitions.clear();
        for (PendingCommit commit : failed) {
            StateRecord.Acquire acquire = (StateRecord.Acquire) commit.record();
            DeliveryLeader leader = leaders.get(commit.key());
            if (leader != null) {
                List<ReleaseRange> ranges = acquire.ranges().stream().map(r -> new ReleaseRange(r, false)).toList();
                propose(commit.key(), leader.release(acquire.session(), acquire.sessionEpoch(), ranges));
            }
        }
    }

    /** The leader epoch the state was rebuilt for, -1 while it must be rebuilt. */
    int leaderEpoch() {
        return leaderEpoch;
    }

    /** End offset of the last state record applied (or replayed): grows with every change of any subscription here. */
    long appliedStateOffset() {
        return appliedStateOffset;
    }

    /** Every subscription's leader (a copy of the map). */
    Map<StateKey, DeliveryLeader> leaders() {
        return Map.copyOf(leaders);
    }

    /** The leader's view of a subscription, if it exists on this partition. */
    Optional<DeliveryLeader> leader(StateKey key) {
        return Optional.ofNullable(leaders.get(key));
    }

    /** Creates a subscription starting at {@code start}; completes when its first snapshot is committed. */
    CompletableFuture<ApplyResult> create(StateKey key, long start) {
        DeliveryLeader leader = new DeliveryLeader(new DeliveryState(start), leaderEpoch, config);
        leaders.put(key, leader);
        return propose(key, leader.snapshot());
    }

    /**
     * The lowest start of this partition's queue and durable subscriptions (their unconsumed
     * records must outlive retention), or {@link Long#MAX_VALUE} when it has none.
     */
    long retentionFloor() {
        long floor = Long.MAX_VALUE;
        for (Map.Entry<StateKey, DeliveryLeader> entry : leaders.entrySet()) {
            if (StateKeys.holdsRetention(entry.getKey())) {
                floor = Math.min(floor, entry.getValue().state().start());
            }
        }
        return floor;
    }

    /** Whether a queue's subscription has state here. */
    boolean hasQueueSubscription() {
        return leaders.keySet().stream().anyMatch(StateKeys::isQueue);
    }

    /** Forgets the other generations of {@code key}'s subscription (replaced or deleted ones). */
    void dropOtherGenerations(StateKey key) {
        leaders.keySet().removeIf(other -> StateKeys.otherGeneration(key, other));
    }

    /** Forgets a subscription (a private one whose consumer went away). */
    void drop(StateKey key) {
        leaders.remove(key);
    }

    /**
     * Appends a proposal's record; the future completes with the apply result once the record is
     * committed, at once for {@link Proposal.Nothing}, and fails for a refusal.
     */
    CompletableFuture<ApplyResult> propose(StateKey key, Proposal proposal) {
        if (proposal instanceof Proposal.Append append) {
            return append(key, append.record());
        } else if (proposal instanceof Proposal.Refused refused) {
            return CompletableFuture.failedFuture(new DeliveryRefusedException(refused.error(), refused.message(),
                    refused.currentSessionEpoch()));
        }
        return CompletableFuture.completedFuture(new ApplyResult.Applied(List.of()));
    }

    private CompletableFuture<ApplyResult> append(StateKey key, StateRecord record) {
        CompletableFuture<ApplyResult> done = new CompletableFuture<>();
        LogAppendInfo info;
        try {
            info = stateLog.appendAsLeader(StateLog.batch(key, List.of(record), System.currentTimeMillis()), leaderEpoch);
        } catch (RuntimeException e) {
            // The leaders' in-flight view no longer matches the log: rebuild on the next request.
            log.warn("Append to {} failed; its state is rebuilt from the log: {}", stateLog, e.toString());
            leaderEpoch = -1;
            failPending(e);
            return CompletableFuture.failedFuture(e);
        }
        pending.addLast(new PendingCommit(info.lastOffset() + 1, key, record, done));
        checkCommitted();
        return done;
    }

    /** Applies every appended record below the state log's durable end and answers its caller. */
    void checkCommitted() {
        long durable = stateLog.durableOffset();
        boolean applied = false;
        while (!pending.isEmpty() && pending.peekFirst().endOffset() <= durable) {
            PendingCommit commit = pending.pollFirst();
            appliedStateOffset = commit.endOffset();
            DeliveryLeader leader = leaders.get(commit.key());
            applied = true;
            ApplyResult result;
            try {
                result = leader == null
                        ? new ApplyResult.Rejected(DeliveryError.INVALID_REQUEST, "the subscription is gone")
                        : leader.apply(commit.record());
            } catch (RuntimeException e) {
                // The commit is already off the queue: unanswered here, its request would wait forever.
                log.error("Applying the committed {} of {} in {} failed", commit.record(), commit.key(), stateLog, e);
                commit.done().completeExceptionally(e);
                continue;
            }
            if (result.applied() && commit.record() instanceof StateRecord.Expire expire
                    && expire.reason() == ExpireReason.LEASE_EXPIRED) {
                try {
                    onLeaseExpired.accept(expire.session());
                } catch (RuntimeException e) {
                    log.error("Reporting the lease expiry of {} in {} failed", expire.session(), stateLog, e);
                }
            }
            commit.done().complete(result);
        }
        if (applied) {
            version++;
            onChange.run();
        }
    }

    /**
     * Lease upkeep: feeds each subscription the connections' latest signs of life, appends the
     * expiries {@link DeliveryLeader#poll} decides, and drops private subscriptions whose
     * connection has been silent for a whole lease.
     */
    void tick(long nowMs, Function<ConnectionId, Long> lastSeen) {
        if (leaderEpoch < 0) {
            return;
        }
        for (Map.Entry<StateKey, DeliveryLeader> entry : Map.copyOf(leaders).entrySet()) {
            DeliveryLeader leader = entry.getValue();
            if (StateKeys.isPrivate(entry.getKey())) {
                Long seen = lastSeen.apply(StateKeys.privateConnection(entry.getKey()));
                long alive = seen == null ? leadingSinceMs : Math.max(seen, leadingSinceMs);
                if (alive + config.leaseTimeoutMs() <= nowMs && leader.pendingCount() == 0) {
                    leaders.remove(entry.getKey());
                    continue;
                }
            }
            for (SessionInfo session : leader.state().sessions().values()) {
                Long seen = lastSeen.apply(session.connection());
                if (seen != null) {
                    leader.heartbeat(session.connection(), seen);
                }
            }
            PollResult poll = leader.poll(nowMs);
            for (StateRecord expire : poll.records()) {
                append(entry.getKey(), expire);
            }
        }
    }

    /** Fails every caller still waiting for a commit. */
    void failPending(Exception cause) {
        List<PendingCommit> failed = List.copyOf(pending);
        pending.clear();
        failed.stream().filter(commit -> commit.record() instanceof StateRecord.Acquire).forEach(failedAcquisitions::add);
        leaders.values().forEach(DeliveryLeader::abandonPending);
        for (PendingCommit commit : failed) {
            commit.done().completeExceptionally(cause);
        }
    }
}
