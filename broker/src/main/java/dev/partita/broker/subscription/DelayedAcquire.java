package dev.partita.broker.subscription;

import dev.partita.broker.partition.DelayedOperation;
import dev.partita.broker.partition.Partition;
import dev.partita.broker.partition.ReplicaManager;
import dev.partita.broker.zk.LogPartition;
import java.util.List;

/**
 * A long-polling acquire that found nothing: parked until a watched partition's high watermark
 * moves, its delivery state changes (offsets released, expired, committed) or its leadership
 * goes, then it runs another pass; at the deadline it runs a last pass and answers with that.
 * When its consumer left the subscription ({@link #detach}) it answers empty without a pass.
 *
 * <p>Thread-safe: the claim decides the one caller that runs the next pass.
 */
final class DelayedAcquire extends DelayedOperation implements ParkedAcquires.Parked {

    /** What one partition looked like when the pass that found nothing ran. */
    record Seen(LogPartition id, long highWatermark, long version) {
    }

    private final ReplicaManager replicas;
    private final SubscriptionManager manager;
    private final List<Seen> seen;
    private final Pass nextPass;

    private final Runnable answerEmpty;

    /** Runs another acquire pass; {@code last}: answer with whatever it finds. */
    interface Pass {
        void run(boolean last);
    }

    /** @param answerEmpty answers the acquire with nothing acquired (its consumer left) */
    DelayedAcquire(long deadlineMs, SubscriptionManager manager, List<Seen> seen, Pass nextPass, Runnable answerEmpty) {
        super(deadlineMs);
        this.replicas = manager.replicas();
        this.manager = manager;
        this.seen = List.copyOf(seen);
        this.nextPass = nextPass;
        this.answerEmpty = answerEmpty;
    }

    /**
     * The consumer left the subscription: answers empty now unless already answered (or
     * answering). Returns whether this call answered. Its watch entries go at the next wake or poll.
     */
    @Override
    public boolean detach() {
        if (!claim()) {
            return false;
        }
        answerEmpty.run();
        return true;
    }

    @Override
    public boolean tryComplete() {
        if (isCompleted()) {
            return true;
        }
        if (!changed() || !claim()) {
            return isCompleted();
        }
        nextPass.run(false);
        return true;
    }

    private boolean changed() {
        for (Seen s : seen) {
            Partition p = replicas.leaderPartition(s.id()).orElse(null);
            if (p == null || p.highWatermark() != s.highWatermark() || manager.version(s.id()) != s.version()) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void onExpiration() {
        nextPass.run(true);
    }
}
