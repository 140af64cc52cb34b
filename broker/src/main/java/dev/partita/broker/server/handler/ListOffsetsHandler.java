package dev.partita.broker.server.handler;

import dev.partita.broker.partition.Partition;
import dev.partita.broker.partition.ReplicaManager;
import dev.partita.broker.partition.StorageErrors;
import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.broker.zk.LogPartition;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ListOffsetsRequest;
import dev.partita.protocol.message.ListOffsetsRequest.ListOffsetsPartition;
import dev.partita.protocol.message.ListOffsetsRequest.ListOffsetsTopic;
import dev.partita.protocol.message.ListOffsetsResponse;
import dev.partita.protocol.message.ListOffsetsResponse.ListOffsetsPartitionResponse;
import dev.partita.protocol.message.ListOffsetsResponse.ListOffsetsTopicResponse;
import dev.partita.storage.segment.TimestampOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * List offsets: the earliest offset (log start), the latest (the high watermark: what a consumer
 * can read up to), or the first offset whose timestamp is at or after a given time (-1 if none
 * below the high watermark). Runs on each partition's thread. Stateless.
 */
public final class ListOffsetsHandler extends RequestHandler<ListOffsetsRequest> {

    private final TopicService topics;
    private final ReplicaManager replicas;

    public ListOffsetsHandler(TopicService topics, ReplicaManager replicas) {
        super(ApiKey.LIST_OFFSETS, ListOffsetsRequest.class);
        this.topics = topics;
        this.replicas = replicas;
    }

    @Override
    protected CompletableFuture<ListOffsetsResponse> handle(RequestContext context, ListOffsetsRequest request) {
        List<CompletableFuture<ListOffsetsTopicResponse>> each = new ArrayList<>();
        for (ListOffsetsTopic lt : request.topics()) {
            Optional<TopicInfo> info = topics.cached(lt.topic());
            List<CompletableFuture<ListOffsetsPartitionResponse>> parts = new ArrayList<>();
            for (ListOffsetsPartition lp : lt.partitions()) {
                if (info.isEmpty() || lp.partition() < 0 || lp.partition() >= info.get().partitions()) {
                    parts.add(CompletableFuture.completedFuture(error(lp.partition(), Errors.UNKNOWN_TOPIC_OR_PARTITION)));
                } else {
                    LogPartition id = new LogPartition(info.get().logId(), lp.partition());
                    parts.add(replicas.onPartitionThread(id, () -> offsetFor(id, lp))
                            .exceptionally(failure -> error(lp.partition(), StorageErrors.of(failure))));
                }
            }
            each.add(CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done ->
                    new ListOffsetsTopicResponse(lt.topic(), parts.stream().map(CompletableFuture::join).toList())));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> new ListOffsetsResponse(each.stream().map(CompletableFuture::join).toList()));
    }

    private ListOffsetsPartitionResponse offsetFor(LogPartition id, ListOffsetsPartition request) {
        Partition p = replicas.leaderPartitionCaughtUp(id).orElse(null);
        if (p == null) {
            return error(request.partition(), Errors.NOT_LEADER_OR_FOLLOWER);
        }
        Errors epochError = p.checkLeaderEpoch(request.currentLeaderEpoch());
        if (epochError != Errors.NONE) {
            return error(request.partition(), epochError);
        }
        int epoch = p.leaderEpoch();
        long hw = p.highWatermark();
        if (request.timestamp() == ListOffsetsRequest.EARLIEST_TIMESTAMP) {
            return new ListOffsetsPartitionResponse(request.partition(), Errors.NONE, -1L, p.logStartOffset(), epoch);
        }
        if (request.timestamp() == ListOffsetsRequest.LATEST_TIMESTAMP) {
            return new ListOffsetsPartitionResponse(request.partition(), Errors.NONE, -1L, hw, epoch);
        }
        if (request.timestamp() < 0) {
            return error(request.partition(), Errors.INVALID_REQUEST);
        }
        Optional<TimestampOffset> found = p.log().offsetForTimestamp(request.timestamp());
        if (found.isEmpty() || found.get().offset() >= hw) {
            return new ListOffsetsPartitionResponse(request.partition(), Errors.NONE, -1L, -1L, epoch);
        }
        return new ListOffsetsPartitionResponse(request.partition(), Errors.NONE,
                found.get().timestamp(), found.get().offset(), epoch);
    }

    private static ListOffsetsPartitionResponse error(int partition, Errors error) {
        return new ListOffsetsPartitionResponse(partition, error, -1L, -1L, -1);
    }
}
