package dev.partita.broker.server.handler;

import dev.partita.broker.partition.FetchTarget;
import dev.partita.broker.partition.Fetcher;
import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.broker.zk.LogPartition;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.FetchRequest;
import dev.partita.protocol.message.FetchRequest.FetchPartition;
import dev.partita.protocol.message.FetchRequest.FetchTopic;
import dev.partita.protocol.message.FetchResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Fetch: resolves the destinations from the cache (a fetch never creates one) and hands the
 * partitions to the {@link Fetcher} (committed records, zero copy, long poll). Stateless.
 */
public final class FetchHandler extends RequestHandler<FetchRequest> {

    private final TopicService topics;
    private final Fetcher fetcher;

    public FetchHandler(TopicService topics, Fetcher fetcher) {
        super(ApiKey.FETCH, FetchRequest.class);
        this.topics = topics;
        this.fetcher = fetcher;
    }

    @Override
    protected long waitMs(FetchRequest request) {
        return request.maxWaitMs();
    }

    @Override
    protected CompletableFuture<FetchResponse> handle(RequestContext context, FetchRequest request) {
        List<FetchTarget> targets = new ArrayList<>();
        for (FetchTopic ft : request.topics()) {
            Optional<TopicInfo> info = topics.cached(ft.topic());
            for (FetchPartition fp : ft.partitions()) {
                if (info.isEmpty() || fp.partition() < 0 || fp.partition() >= info.get().partitions()) {
                    targets.add(FetchTarget.failed(ft.topic(), fp, Errors.UNKNOWN_TOPIC_OR_PARTITION));
                } else {
                    targets.add(FetchTarget.of(ft.topic(), new LogPartition(info.get().logId(), fp.partition()), fp));
                }
            }
        }
        int maxBytes = request.maxBytes() <= 0 ? Integer.MAX_VALUE : request.maxBytes();
        return fetcher.fetch(targets, request.maxWaitMs(), request.minBytes(), maxBytes);
    }
}
