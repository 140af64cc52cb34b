package dev.partita.broker.partition;

import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.FetchRequest.FetchPartition;
import dev.partita.protocol.message.FetchResponse;
import dev.partita.protocol.message.FetchResponse.FetchableTopicResponse;
import dev.partita.protocol.message.FetchResponse.PartitionFetchData;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.storage.log.LogReadResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The fetch path: reads each partition below its high watermark (committed records only) as
 * file regions, sent without copying through the heap; if fewer than {@code minBytes} are there,
 * parks the fetch as a {@link DelayedFetch} until a watched high watermark moves or
 * {@code maxWaitMs} passes (long poll).
 *
 * <p>Thread-safe: reads are concurrent with the partitions' writers, which the log allows.
 */
public final class Fetcher {

    private final ReplicaManager replicas;
    private final Clock clock;

    public Fetcher(ReplicaManager replicas, Clock clock) {
        this.replicas = replicas;
        this.clock = clock;
    }

    /** Answers a fetch; the future never fails, errors are per partition. */
    public CompletableFuture<FetchResponse> fetch(List<FetchTarget> targets, int maxWaitMs, int minBytes, int maxBytes) {
        FetchTarget first = targets.stream().filter(t -> t.id() != null).findFirst().orElse(null);
        if (first == null) {
            return CompletableFuture.completedFuture(readAll(targets, maxBytes).response());
        }
        // The first read leaves the event loop: index lookups may touch the disk.
        return replicas.onPartitionThread(first.id(), () -> readAll(targets, maxBytes)).thenCompose(read -> {
            if (maxWaitMs <= 0 || read.bytes() >= minBytes || read.hasError()) {
                return CompletableFuture.completedFuture(read.response());
            }
            CompletableFuture<FetchResponse> answer = new CompletableFuture<>();
            DelayedFetch waiting = new DelayedFetch(clock.millis() + maxWaitMs, this, targets, minBytes, maxBytes, answer);
            replicas.delayedOperations().watch(waiting, targets.stream().map(FetchTarget::id).filter(Objects::nonNull).toList());
            return answer;
        });
    }

    /** Whether any partition of the fetch has committed data past its fetch offset, or changed leader. */
    boolean anythingNew(List<FetchTarget> targets) {
        for (FetchTarget t : targets) {
            if (t.id() == null) {
                continue;
            }
            Partition p = replicas.leaderPartition(t.id()).orElse(null);
            if (p == null || p.highWatermark() > t.request().fetchOffset()
                    || p.checkLeaderEpoch(t.request().currentLeaderEpoch()) != Errors.NONE) {
                return true;
            }
        }
        return false;
    }

    /** Reads every partition now, in request order, within the total byte budget. */
    FetchRead readAll(List<FetchTarget> targets, int maxBytes) {
        Map<TopicKey, List<PartitionFetchData>> byTopic = new LinkedHashMap<>();
        int bytes = 0;
        boolean error = false;
        for (FetchTarget t : targets) {
            int budget = Math.max(0, maxBytes - bytes);
            PartitionFetchData data = read(t, budget, bytes == 0);
            bytes += data.records().sizeInBytes();
            error |= data.error() != Errors.NONE;
            byTopic.computeIfAbsent(t.topic(), k -> new ArrayList<>()).add(data);
        }
        List<FetchableTopicResponse> topics = new ArrayList<>();
        byTopic.forEach((topic, partitions) -> topics.add(new FetchableTopicResponse(topic, partitions)));
        return new FetchRead(new FetchResponse(topics), bytes, error);
    }

    private PartitionFetchData read(FetchTarget t, int budget, boolean minOneBatch) {
        FetchPartition req = t.request();
        if (t.id() == null) {
            return empty(req.partition(), t.error(), -1, -1);
        }
        Partition p = replicas.leaderPartition(t.id()).orElse(null);
        if (p == null) {
            return empty(req.partition(), Errors.NOT_LEADER_OR_FOLLOWER, -1, -1);
        }
        Errors epochError = p.checkLeaderEpoch(req.currentLeaderEpoch());
        long hw = p.highWatermark();
        long start = p.logStartOffset();
        if (epochError != Errors.NONE) {
            return empty(req.partition(), epochError, hw, start);
        }
        long offset = req.fetchOffset();
        if (offset < start || offset > p.logEndOffset()) {
            return empty(req.partition(), Errors.OFFSET_OUT_OF_RANGE, hw, start);
        }
        if (offset >= hw) {
            return empty(req.partition(), Errors.NONE, hw, start); // nothing committed past it yet
        }
        int limit = Math.min(req.partitionMaxBytes(), budget);
        if (limit <= 0 && !minOneBatch) {
            return empty(req.partition(), Errors.NONE, hw, start);
        }
        try {
            LogReadResult result = p.log().read(offset, Math.max(limit, 0), hw, minOneBatch);
            if (result.records().sizeInBytes() == 0) {
                return empty(req.partition(), Errors.NONE, hw, result.logStartOffset()); // no zero-length file region
            }
            return new PartitionFetchData(req.partition(), Errors.NONE, hw, hw, result.logStartOffset(), result.records());
        } catch (RuntimeException e) {
            return empty(req.partition(), StorageErrors.of(e), hw, start);
        }
    }

    private static PartitionFetchData empty(int partition, Errors error, long hw, long logStart) {
        return new PartitionFetchData(partition, error, hw, hw, logStart, MemoryRecords.EMPTY);
    }

    /** The outcome of one pass over the partitions. */
    record FetchRead(FetchResponse response, int bytes, boolean hasError) {
    }
}
