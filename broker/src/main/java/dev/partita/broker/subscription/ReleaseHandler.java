package dev.partita.broker.subscription;

import dev.partita.broker.delivery.OffsetRange;
import dev.partita.broker.delivery.ReleaseRange;
import dev.partita.broker.delivery.SessionId;
import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.broker.server.handler.TopicService;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ReleaseRequest;
import dev.partita.protocol.message.ReleaseRequest.ReleasePartition;
import dev.partita.protocol.message.ReleaseResponse;
import dev.partita.protocol.message.ReleasedRange;
import dev.partita.protocol.message.SessionPartitionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * RELEASE: gives acquired offsets back; only ranges marked delivered get delivery count + 1.
 * Offsets the session no longer holds are ignored (a retried release). Stateless.
 */
public final class ReleaseHandler extends RequestHandler<ReleaseRequest> {

    private final Destinations destinations;
    private final SessionOperations operations;

    public ReleaseHandler(SubscriptionManager manager, TopicService topics) {
        super(ApiKey.RELEASE, ReleaseRequest.class);
        this.destinations = new Destinations(topics);
        this.operations = new SessionOperations(manager);
    }

    @Override
    protected CompletableFuture<ReleaseResponse> handle(RequestContext context, ReleaseRequest request) {
        StateKey key = StateKeys.of(request.key(), request.generation());
        SessionId session = SessionId.of(request.sessionId());
        return destinations.resolve(request.key(), request.topic(), false).thenCompose(info -> {
            List<CompletableFuture<SessionPartitionResult>> results = new ArrayList<>();
            for (ReleasePartition p : request.partitions()) {
                List<ReleaseRange> ranges = releaseRanges(p.offsets());
                results.add(operations.run(Destinations.partition(info, p.partition()), key, request.key().isRegistered(),
                        session, p.sessionEpoch(), leader -> leader.release(session, p.sessionEpoch(), ranges)));
            }
            return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(ignored ->
                    new ReleaseResponse(results.stream().map(CompletableFuture::join).toList()));
        });
    }

    private static List<ReleaseRange> releaseRanges(List<ReleasedRange> released) {
        List<ReleaseRange> ranges = new ArrayList<>();
        for (ReleasedRange r : released) {
            ranges.add(new ReleaseRange(new OffsetRange(r.range().firstOffset(), r.range().lastOffset(),
                    r.range().deliveryCount()), r.delivered()));
        }
        return ranges;
    }
}
