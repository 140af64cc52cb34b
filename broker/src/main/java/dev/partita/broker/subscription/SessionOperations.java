package dev.partita.broker.subscription;

import dev.partita.broker.delivery.ApplyResult;
import dev.partita.broker.delivery.DeliveryLeader;
import dev.partita.broker.delivery.Proposal;
import dev.partita.broker.delivery.SessionId;
import dev.partita.broker.delivery.SessionInfo;
import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.broker.zk.LogPartition;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SessionPartitionResult;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs a session's change (acknowledge, release) on one partition: the leader turns it into a
 * proposal, the record is committed in {@code p.state}, and the result says the outcome with the
 * session's current epoch. Stateless.
 */
final class SessionOperations {

    private final SubscriptionManager manager;

    SessionOperations(SubscriptionManager manager) {
        this.manager = manager;
    }

    /** @param registered a durable or shared key: a missing state means its generation is stale */
    CompletableFuture<SessionPartitionResult> run(LogPartition id, StateKey key, boolean registered, SessionId session,
                                                  int sessionEpoch, Function<DeliveryLeader, Proposal> change) {
        int partition = id.partition();
        return manager.onLeaderThread(id, led -> {
            DeliveryLeader leader = led.state().leader(key).orElseThrow(() -> new ApiException(
                    registered ? Errors.STALE_SUBSCRIPTION_GENERATION : Errors.UNKNOWN_SUBSCRIPTION,
                    "No subscription " + key + " on partition " + partition));
            SessionInfo known = leader.state().session(session);
            if (known != null) {
                // A request of the session is a sign of life of its connection.
                manager.touch(known.connection());
                leader.heartbeat(known.connection(), manager.nowMs());
            }
            return led.state().propose(key, change.apply(leader)).thenApply(result -> {
                int epoch = epoch(leader, session, sessionEpoch);
                if (result instanceof ApplyResult.Rejected rejected) {
                    return new SessionPartitionResult(partition, SubscriptionErrors.of(rejected.error()),
                            rejected.message(), epoch);
                }
                return new SessionPartitionResult(partition, Errors.NONE, null, epoch);
            });
        }).exceptionally(failure -> new SessionPartitionResult(partition, SubscriptionErrors.of(failure),
                SubscriptionErrors.message(failure), SubscriptionErrors.sessionEpoch(failure, sessionEpoch)));
    }

    private static int epoch(DeliveryLeader leader, SessionId session, int otherwise) {
        SessionInfo info = leader.state().session(session);
        return info == null ? otherwise : info.epoch();
    }
}
