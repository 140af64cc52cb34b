package dev.partita.broker.server.handler;

import dev.partita.broker.partition.Appender;
import dev.partita.broker.partition.DestinationQuota;
import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.broker.zk.LogPartition;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ProduceRequest;
import dev.partita.protocol.message.ProduceRequest.PartitionData;
import dev.partita.protocol.message.ProduceRequest.TopicData;
import dev.partita.protocol.message.ProduceResponse;
import dev.partita.protocol.message.ProduceResponse.PartitionProduceResult;
import dev.partita.protocol.message.ProduceResponse.TopicProduceResult;
import dev.partita.protocol.message.TemporaryDestinationName;
import dev.partita.protocol.record.MemoryRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Produce: resolves each destination (auto-creating it when enabled), then appends each partition's
 * batches on that partition's thread ({@link Appender}), under the destination's
 * {@link DestinationQuota} (its configs over the broker defaults): a produce to a full partition
 * waits for space, then fails with {@code DESTINATION_FULL}. The answer lists every partition
 * asked, in request order, each with its own error. Stateless.
 */
public final class ProduceHandler extends RequestHandler<ProduceRequest> {

    private final TopicService topics;
    private final Appender appender;
    private final DestinationQuota quotaDefaults;

    /** @param quotaDefaults the broker's full-destination settings, for destinations that set none */
    public ProduceHandler(TopicService topics, Appender appender, DestinationQuota quotaDefaults) {
        super(ApiKey.PRODUCE, ProduceRequest.class);
        this.topics = topics;
        this.appender = appender;
        this.quotaDefaults = quotaDefaults;
    }

    @Override
    protected long waitMs(ProduceRequest request) {
        // A produce to a full partition may wait for space, then for its acknowledgements.
        return (long) request.timeoutMs() + quotaDefaults.blockMs();
    }

    @Override
    protected CompletableFuture<ProduceResponse> handle(RequestContext context, ProduceRequest request) {
        List<CompletableFuture<TopicProduceResult>> each = new ArrayList<>();
        for (TopicData data : request.topics()) {
            each.add(topics.resolve(data.topic(), true)
                    .thenCompose(info -> appendAll(info, data, request))
                    .exceptionally(failure -> failAll(data, CoordinationErrors.of(failure), CoordinationErrors.message(failure))));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> new ProduceResponse(each.stream().map(CompletableFuture::join).toList()));
    }

    private CompletableFuture<TopicProduceResult> appendAll(TopicInfo info, TopicData data, ProduceRequest request) {
        List<CompletableFuture<PartitionProduceResult>> results = new ArrayList<>();
        DestinationQuota quota = quotaOf(info);
        for (PartitionData pd : data.partitions()) {
            if (pd.partition() < 0 || pd.partition() >= info.partitions()) {
                results.add(CompletableFuture.completedFuture(error(pd.partition(), Errors.UNKNOWN_TOPIC_OR_PARTITION,
                        data.topic() + " has no partition " + pd.partition() + " (it has " + info.partitions() + ")")));
            } else if (!(pd.records() instanceof MemoryRecords records)) {
                results.add(CompletableFuture.completedFuture(error(pd.partition(), Errors.INVALID_REQUEST,
                        "Produce records must be in memory")));
            } else {
                results.add(appender.append(new LogPartition(info.logId(), pd.partition()), records,
                        request.acks(), request.timeoutMs(), quota));
            }
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> new TopicProduceResult(data.topic(), results.stream().map(CompletableFuture::join).toList()));
    }

    /**
     * The destination's quota; configs were validated when it was created, so a bad one falls back
     * to the defaults. The internal topics of temporary destinations do not take the broker
     * defaults: all temporary queues of a partition share its log, and one nobody reads would
     * otherwise hold back every other's messages (replies).
     */
    private DestinationQuota quotaOf(TopicInfo info) {
        boolean temporary = TemporaryDestinationName.isInternalTopic(info.topic())
                || TemporaryDestinationName.of(info.topic()).isPresent();
        DestinationQuota defaults = temporary ? DestinationQuota.UNLIMITED : quotaDefaults;
        try {
            return DestinationQuota.of(info.configs(), defaults);
        } catch (IllegalArgumentException e) {
            return defaults;
        }
    }

    private static TopicProduceResult failAll(TopicData data, Errors error, String message) {
        return new TopicProduceResult(data.topic(), data.partitions().stream()
                .map(pd -> error(pd.partition(), error, message)).toList());
    }

    private static PartitionProduceResult error(int partition, Errors error, String message) {
        return new PartitionProduceResult(partition, error, message, -1L, -1L, -1L);
    }
}
