package dev.partita.broker.subscription;

import dev.partita.broker.delivery.DeliveryLeader;
import dev.partita.broker.delivery.DeliveryState;
import dev.partita.broker.delivery.DeliveryStatus;
import dev.partita.broker.delivery.Run;
import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.broker.server.RequestContext;
import dev.partita.broker.server.RequestHandler;
import dev.partita.broker.server.handler.TopicService;
import dev.partita.broker.zk.LogPartition;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.BrowseRequest;
import dev.partita.protocol.message.BrowseRequest.BrowsePartition;
import dev.partita.protocol.message.BrowseResponse;
import dev.partita.protocol.message.BrowseResponse.BrowsedPartition;
import dev.partita.protocol.message.DeliveryRange;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.RecordBatch;
import dev.partita.protocol.selector.Selector;
import dev.partita.protocol.selector.SelectorSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongPredicate;

/**
 * BROWSE: reads, on each partition's thread and without writing anything, the committed messages
 * of a subscription from its start (or the request's continuation offset) that are available or
 * acquired (not acknowledged, archived or waiting for the dead-letter queue) and match the
 * selector (on a temporary queue: only its records), with their delivery counts and the batches holding them. A queue nobody subscribed to
 * yet shows everything from its log start. A bad selector is refused with INVALID_SELECTOR.
 * Stateless.
 */
final class BrowseHandler extends RequestHandler<BrowseRequest> {

    private final SubscriptionManager manager;
    private final Destinations destinations;

    BrowseHandler(SubscriptionManager manager, TopicService topics) {
        super(ApiKey.BROWSE, BrowseRequest.class);
        this.manager = manager;
        this.destinations = new Destinations(topics);
    }

    @Override
    protected CompletableFuture<BrowseResponse> handle(RequestContext context, BrowseRequest request) {
        Selector selector;
        try {
            selector = request.selector() == null || request.selector().isBlank() ? null : Selector.parse(request.selector());
        } catch (SelectorSyntaxException e) {
            return CompletableFuture.failedFuture(new ApiException(Errors.INVALID_SELECTOR, e.getMessage()));
        }
        StateKey key = StateKeys.of(request.key(), request.generation());
        int totalBytes = request.maxBytes() <= 0 ? Integer.MAX_VALUE : request.maxBytes();
        return destinations.resolve(request.key(), request.topic(), false).thenCompose(info -> {
            List<CompletableFuture<BrowsedPartition>> parts = new ArrayList<>();
            for (BrowsePartition p : request.partitions()) {
                int maxBytes = p.partitionMaxBytes() <= 0 ? totalBytes : Math.min(p.partitionMaxBytes(), totalBytes);
                parts.add(browse(info, p, key, request.key() instanceof SubscriptionKey.Queue,
                        TemporaryDestinations.onlyItsRecords(request.topic(), selectorFilter(selector)), maxBytes));
            }
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ignored ->
                    new BrowseResponse(parts.stream().map(CompletableFuture::join).toList()));
        });
    }

    /** The selector as a record filter (null: none). */
    private static Acquirer.RecordFilter selectorFilter(Selector selector) {
        return selector == null ? null : records -> ConsumerSelectors.matching(selector, records)::contains;
    }

    private CompletableFuture<BrowsedPartition> browse(TopicInfo info, BrowsePartition p, StateKey key, boolean queue,
                                                       Acquirer.RecordFilter filter, int maxBytes) {
        int partition = p.partition();
        LogPartition id;
        try {
            id = Destinations.partition(info, partition);
        } catch (ApiException e) {
            return CompletableFuture.completedFuture(empty(partition, e.error()));
        }
        return manager.onLeaderThread(id, led -> {
            DeliveryLeader leader = led.state().leader(key).orElse(null);
            if (leader == null && !queue) {
                throw new ApiException(Errors.UNKNOWN_SUBSCRIPTION, "No subscription " + key + " on partition " + partition);
            }
            DeliveryState state = leader == null ? new DeliveryState(led.data().logStartOffset()) : leader.state();
            long hw = led.data().highWatermark();
            long from = Math.max(Math.max(state.start(), led.data().logStartOffset()),
                    p.fromOffset() == BrowsePartition.FROM_START ? 0 : p.fromOffset());
            if (from >= hw) {
                return CompletableFuture.completedFuture(
                        new BrowsedPartition(partition, Errors.NONE, BrowseResponse.END, List.of(), MemoryRecords.EMPTY));
            }
            MemoryRecords read = Acquirer.readWindow(led.data().log(), from, maxBytes, hw);
            long end = from;
            for (RecordBatch batch : read) {
                end = Math.max(end, batch.nextOffset());
            }
            LongPredicate matching = filter == null ? null : filter.over(read);
            int maxRecords = p.maxRecords() <= 0 ? Integer.MAX_VALUE : p.maxRecords();
            List<DeliveryRange> visible = new ArrayList<>();
            int shown = 0;
            long next = end;
            for (Record record : read.records()) {
                long offset = record.offset();
                if (offset < from || !visible(state, offset) || matching != null && !matching.test(offset)) {
                    continue;
                }
                if (shown == maxRecords) {
                    next = offset;
                    break;
                }
                append(visible, offset, state.deliveryCount(offset));
                shown++;
            }
            long nextOffset = next >= hw ? BrowseResponse.END : next;
            return CompletableFuture.completedFuture(new BrowsedPartition(partition, Errors.NONE, nextOffset, visible, read));
        }).exceptionally(failure -> empty(partition, SubscriptionErrors.of(failure)));
    }

    /** Available, or acquired (possibly with a transactional ack pending): what a browser shows. */
    private static boolean visible(DeliveryState state, long offset) {
        if (offset < state.start()) {
            return false;
        }
        Run run = state.runAt(offset);
        return run == null || run.status() == DeliveryStatus.AVAILABLE || run.status() == DeliveryStatus.ACQUIRED
                || run.status() == DeliveryStatus.PENDING_ACK;
    }

    private static void append(List<DeliveryRange> ranges, long offset, int count) {
        DeliveryRange last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
        if (last != null && last.lastOffset() == offset - 1 && last.deliveryCount() == count) {
            ranges.set(ranges.size() - 1, new DeliveryRange(last.firstOffset(), offset, count));
        } else {
            ranges.add(new DeliveryRange(offset, offset, count));
        }
    }

    private static BrowsedPartition empty(int partition, Errors error) {
        return new BrowsedPartition(partition, error, BrowseResponse.END, List.of(), MemoryRecords.EMPTY);
    }
}
