package dev.partita.broker.server.handler;

import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.CreateTopicsRequest;
import dev.partita.protocol.message.CreateTopicsResponse;
import dev.partita.protocol.message.TopicResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Creates destinations; each gets its own result (created, already exists, invalid...). Waits up
 * to the request's timeout for the new partitions' leaders. Stateless.
 */
public final class CreateTopicsHandler extends RequestHandler<CreateTopicsRequest> {

    private final TopicService topics;

    public CreateTopicsHandler(TopicService topics) {
        super(ApiKey.CREATE_TOPICS, CreateTopicsRequest.class);
        this.topics = topics;
    }

    @Override
    protected long waitMs(CreateTopicsRequest request) {
        return request.timeoutMs();
    }

    @Override
    protected CompletableFuture<CreateTopicsResponse> handle(RequestContext context, CreateTopicsRequest request) {
        List<CompletableFuture<TopicResult>> each = request.topics().stream()
                .map(t -> topics.create(t, request.timeoutMs(), request.validateOnly()))
                .toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> new CreateTopicsResponse(each.stream().map(CompletableFuture::join).toList()));
    }
}
