package dev.partita.broker.server.handler;

import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.MetadataRequest;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.MetadataResponse.TopicMetadata;
import dev.partita.protocol.message.TopicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Answers brokers, controller and the partitions of the asked destinations (all when the list is
 * null). A destination that does not exist is created when the request allows it and
 * {@code auto.create.topics.enable} is on; otherwise it is listed with its error code. Stateless.
 */
public final class MetadataHandler extends RequestHandler<MetadataRequest> {

    private final TopicService topics;

    public MetadataHandler(TopicService topics) {
        super(ApiKey.METADATA, MetadataRequest.class);
        this.topics = topics;
    }

    @Override
    protected CompletableFuture<MetadataResponse> handle(RequestContext context, MetadataRequest request) {
        if (request.topics() == null) {
            List<TopicMetadata> all = topics.all().stream().map(topics::metadata).toList();
            return CompletableFuture.completedFuture(new MetadataResponse(topics.brokers(), topics.controllerId(), all));
        }
        List<CompletableFuture<TopicMetadata>> each = new ArrayList<>();
        for (TopicKey key : request.topics()) {
            each.add(topics.resolve(key, request.allowAutoTopicCreation())
                    .thenApply(topics::metadata)
                    .exceptionally(failure -> new TopicMetadata(CoordinationErrors.of(failure), key, null, List.of())));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> new MetadataResponse(topics.brokers(), topics.controllerId(),
                        each.stream().map(CompletableFuture::join).toList()));
    }
}
