package dev.partita.broker.subscription;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.delivery.OffsetRange;
import dev.partita.broker.delivery.ReleaseRange;
import dev.partita.broker.delivery.SessionId;
import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.broker.server.handler.TopicService;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.protocol.message.AcquireRequest;
import dev.partita.protocol.message.AcquireRequest.AcquirePartition;
import dev.partita.protocol.message.AcquireResponse;
import dev.partita.protocol.message.AcquireResponse.AcquiredPartition;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscriptionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ACQUIRE: one {@link Acquirer} pass per partition in parallel; when nothing was acquired and no
 * partition failed, parks a {@link DelayedAcquire} until something changes or {@code maxWaitMs}
 * passes (long poll). A pass whose answer nobody will read (the dispatcher's request bound answered
 * REQUEST_TIMED_OUT in its place, or the connection closed meanwhile) releases what it acquired,
 * delivery count unchanged; that bound, not a guard of this handler's own, is what answers an
 * acquire whose commit never comes. A parked acquire whose
 * connection's consumer left the subscription is answered empty at once ({@link ParkedAcquires}).
 * Stateless apart from the shared {@link ParkedAcquires}.
 */
public final class AcquireHandler extends RequestHandler<AcquireRequest> {

    private static final Logger log = LoggerFactory.getLogger(AcquireHandler.class);

    /** Records per partition when the request names no positive limit. */
    static final int DEFAULT_MAX_RECORDS = 500;

    private final SubscriptionManager manager;
    private final Destinations destinations;
    private final Acquirer acquirer;
    private final SessionOperations operations;

    private final ParkedAcquires parked;

    /** @param parked where parked acquires are kept, so a consumer leaving answers its connection's */
    public AcquireHandler(SubscriptionManager manager, TopicService topics, ParkedAcquires parked) {
        super(ApiKey.ACQUIRE, AcquireRequest.class);
        this.manager = manager;
        this.parked = parked;
        this.destinations = new Destinations(topics);
        this.acquirer = new Acquirer(manager);
        this.operations = new SessionOperations(manager);
    }

    @Override
    protected long waitMs(AcquireRequest request) {
        return request.maxWaitMs();
    }

    @Override
    protected CompletableFuture<AcquireResponse> handle(RequestContext context, AcquireRequest request) {
        ConnectionId connection = ConnectionId.of(request.connectionId());
        manager.touch(connection);
        long deadline = manager.nowMs() + Math.max(0, request.maxWaitMs());
        return destinations.resolve(request.key(), request.topic(), false).thenCompose(info -> {
            List<Acquirer.Target> targets = targets(request, info, connection);
            CompletableFuture<AcquireResponse> answer = new CompletableFuture<>();
            pass(request.key(), targets, deadline, false, answer, context::awaited);
            return answer;
        });
    }

    private List<Acquirer.Target> targets(AcquireRequest request, TopicInfo info, ConnectionId connection) {
        StateKey key = StateKeys.of(request.key(), request.generation());
        boolean queue = request.key() instanceof SubscriptionKey.Queue;
        int totalBytes = request.maxBytes() <= 0 ? Integer.MAX_VALUE : request.maxBytes();
        boolean keepsRejected = queue || TemporaryDestinations.isTemporaryQueue(request.topic());
        Acquirer.RecordFilter ownRecords = TemporaryDestinations.itsRecords(request.topic());
        Acquirer.RecordFilter selector = manager.selectors().filterFor(request.connectionId(), request.sessionId(), key);
        List<Acquirer.Target> targets = new ArrayList<>();
        for (AcquirePartition p : request.partitions()) {
            int maxBytes = p.partitionMaxBytes() <= 0 ? totalBytes : Math.min(p.partitionMaxBytes(), totalBytes);
            targets.add(new Acquirer.Target(Destinations.partition(info, p.partition()), key, queue, keepsRejected,
                    SessionId.of(request.sessionId()), p.sessionEpoch(), connection,
                    p.maxRecords() <= 0 ? DEFAULT_MAX_RECORDS : p.maxRecords(), maxBytes, ownRecords, selector,
                    request.key().isRegistered()));
        }
        return targets;
    }

    /** What a pass acquired that its client never got: the target and its acquisition. */
    record Unanswered(Acquirer.Target target, AcquiredPartition acquired) {
    }

    /**
     * Completes {@code answer} with the pass's result. Returns what the pass acquired that its
     * client will never get, to be given back: everything it acquired when the answer was already
     * given (a consumer detaching answered the parked acquire empty while this pass ran), or when
     * nobody waits any more (the dispatcher's bound answered in its place or the connection closed;
     * then answered NETWORK_EXCEPTION, which nobody reads); otherwise nothing.
     */
    static List<Unanswered> answerOrUnanswered(CompletableFuture<AcquireResponse> answer, List<Acquirer.Target> targets,
                                               List<Acquirer.Attempt> done, boolean connectionOpen) {
        AcquireResponse response = connectionOpen
                ? new AcquireResponse(done.stream().map(Acquirer.Attempt::result).toList())
                : new AcquireResponse(targets.stream().map(t ->
                        Acquirer.error(t, Errors.NETWORK_EXCEPTION, "the connection closed", t.sessionEpoch())).toList());
        if (answer.complete(response) && connectionOpen) {
            return List.of();
        }
        List<Unanswered> unanswered = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            AcquiredPartition result = done.get(i).result();
            if (result.error() == Errors.NONE && !result.acquired().isEmpty()) {
                unanswered.add(new Unanswered(targets.get(i), result));
            }
        }
        return unanswered;
    }

    /**
     * Releases what an unanswered pass acquired with its delivery count unchanged (nothing reached
     * the application), so it is not held until the session's lease ends.
     */
    private void release(List<Unanswered> unanswered) {
        for (Unanswered u : unanswered) {
            Acquirer.Target t = u.target();
            List<ReleaseRange> ranges = u.acquired().acquired().stream().map(r -> new ReleaseRange(
                    new OffsetRange(r.firstOffset(), r.lastOffset(), r.deliveryCount()), false)).toList();
            operations.run(t.id(), t.key(), t.registered(), t.session(), u.acquired().sessionEpoch(),
                    leader -> leader.release(t.session(), u.acquired().sessionEpoch(), ranges)).whenComplete((result, failure) -> {
                        if (failure != null || result.error() != Errors.NONE) {
                            log.warn("Releasing {} offsets of {} acquired for an ACQUIRE nobody reads failed: {} "
                                    + "(they come back when the session's lease ends)", ranges.size(), t.id(),
                                    failure != null ? SubscriptionErrors.message(failure) : result.error());
                        }
                    });
        }
    }

    private void pass(SubscriptionKey subscription, List<Acquirer.Target> targets, long deadline, boolean last,
                      CompletableFuture<AcquireResponse> answer,
                      BooleanSupplier connectionOpen) {
        if (!connectionOpen.getAsBoolean()) {
            // Nobody can read the answer: acquiring now would hold messages until the session's lease expires.
            answer.complete(new AcquireResponse(targets.stream().map(t ->
                    Acquirer.error(t, Errors.NETWORK_EXCEPTION, "the connection closed", t.sessionEpoch())).toList()));
            return;
        }
        List<CompletableFuture<Acquirer.Attempt>> attempts = targets.stream().map(acquirer::attempt).toList();
        CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            List<Acquirer.Attempt> done = attempts.stream().map(CompletableFuture::join).toList();
            boolean any = done.stream().anyMatch(Acquirer.Attempt::acquiredOrFailed);
            if (any || last || manager.nowMs() >= deadline) {
                release(answerOrUnanswered(answer, targets, done, connectionOpen.getAsBoolean()));
                return;
            }
            List<DelayedAcquire.Seen> seen = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                seen.add(new DelayedAcquire.Seen(targets.get(i).id(), done.get(i).highWatermark(), done.get(i).version()));
            }
            if (targets.isEmpty()) {
                answer.complete(new AcquireResponse(List.of())); // asked for no partition: nothing to wait for
                return;
            }
            ConnectionId connection = targets.get(0).connection(); // every target has the request's connection
            DelayedAcquire[] self = new DelayedAcquire[1];
            DelayedAcquire waiting = new DelayedAcquire(deadline, manager, seen, lastPass -> {
                parked.unpark(connection, subscription, self[0]);
                pass(subscription, targets, deadline, lastPass, answer, connectionOpen);
            }, () -> answer.complete(new AcquireResponse(targets.stream().map(t ->
                    Acquirer.empty(t, t.sessionEpoch())).toList())));
            self[0] = waiting;
            parked.park(connection, subscription, waiting);
            manager.replicas().delayedOperations().watch(waiting, targets.stream().map(Acquirer.Target::id).toList());
        });
    }
}
