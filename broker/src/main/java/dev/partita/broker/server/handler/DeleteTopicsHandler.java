package dev.partita.broker.server.handler;

import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.DeleteTopicsRequest;
import dev.partita.protocol.message.DeleteTopicsResponse;
import dev.partita.protocol.message.TopicResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Deletes destinations, one result each; honours {@code delete.topic.enable}. Stateless. */
public final class DeleteTopicsHandler extends RequestHandler<DeleteTopicsRequest> {

    private final TopicService topics;

    public DeleteTopicsHandler(TopicService topics) {
        super(ApiKey.DELETE_TOPICS, DeleteTopicsRequest.class);
        this.topics = topics;
    }

    @Override
    protected long waitMs(DeleteTopicsRequest request) {
        return request.timeoutMs();
    }

    @Override
    protected CompletableFuture<DeleteTopicsResponse> handle(RequestContext context, DeleteTopicsRequest request) {
        List<CompletableFuture<TopicResult>> each = request.topics().stream()
                .map(t -> topics.delete(t, request.timeoutMs()))
                .toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> new DeleteTopicsResponse(each.stream().map(CompletableFuture::join).toList()));
    }
}
