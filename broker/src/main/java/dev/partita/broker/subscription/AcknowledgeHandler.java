package dev.partita.broker.subscription;

import dev.partita.broker.delivery.OffsetRange;
import dev.partita.broker.delivery.SessionId;
import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.broker.server.handler.TopicService;
import dev.partita.protocol.message.AcknowledgeRequest;
import dev.partita.protocol.message.AcknowledgeRequest.AcknowledgePartition;
import dev.partita.protocol.message.AcknowledgeResponse;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.DeliveryRange;
import dev.partita.protocol.message.SessionPartitionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * ACKNOWLEDGE: explicit offsets per partition, each checked against the session's acquisition at
 * its epoch and delivery count; answered once the ack is committed in {@code p.state}. Stateless.
 */
public final class AcknowledgeHandler extends RequestHandler<AcknowledgeRequest> {

    private final Destinations destinations;
    private final SessionOperations operations;

    public AcknowledgeHandler(SubscriptionManager manager, TopicService topics) {
        super(ApiKey.ACKNOWLEDGE, AcknowledgeRequest.class);
        this.destinations = new Destinations(topics);
        this.operations = new SessionOperations(manager);
    }

    @Override
    protected CompletableFuture<AcknowledgeResponse> handle(RequestContext context, AcknowledgeRequest request) {
        StateKey key = StateKeys.of(request.key(), request.generation());
        SessionId session = SessionId.of(request.sessionId());
        return destinations.resolve(request.key(), request.topic(), false).thenCompose(info -> {
            List<CompletableFuture<SessionPartitionResult>> results = new ArrayList<>();
            for (AcknowledgePartition p : request.partitions()) {
                List<OffsetRange> ranges = offsetRanges(p.offsets());
                results.add(operations.run(Destinations.partition(info, p.partition()), key, request.key().isRegistered(),
                        session, p.sessionEpoch(), leader -> leader.ack(session, p.sessionEpoch(), ranges)));
            }
            return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(ignored ->
                    new AcknowledgeResponse(results.stream().map(CompletableFuture::join).toList()));
        });
    }

    static List<OffsetRange> offsetRanges(List<DeliveryRange> ranges) {
        return ranges.stream().map(r -> new OffsetRange(r.firstOffset(), r.lastOffset(), r.deliveryCount())).toList();
    }
}
