package dev.partita.broker.subscription;

import dev.partita.broker.delivery.ArchiveReason;
import dev.partita.broker.delivery.DeliveryLeader;
import dev.partita.broker.delivery.OffsetRange;
import dev.partita.broker.delivery.Proposal;
import dev.partita.broker.delivery.Run;
import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.broker.partition.Appender;
import dev.partita.broker.partition.Partition;
import dev.partita.broker.server.handler.TopicService;
import dev.partita.broker.zk.LogPartition;
import dev.partita.protocol.jms.JmsHeaderNames;
import dev.partita.protocol.jms.JmsRecordCodec;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.record.CompressionType;
import dev.partita.protocol.record.Header;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.Record;
import dev.partita.protocol.record.SimpleRecord;
import dev.partita.storage.log.Log;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves messages that reached their destination's maximum delivery count to its dead-letter queue
 * ({@code DLQ}, or the destination config {@value #DEAD_LETTER_QUEUE}): appends each with its
 * timestamp, key, value and headers as they are plus the dead-letter properties of the JMS record
 * format ({@code JMS_Partita_DeadLetterSource} = {@code <logId>:<partition>:<offset>},
 * {@code ...DeadLetterReason}, {@code ...DeadLetterDeliveryCount}, {@code ...OriginalDestination},
 * {@code ...DeadLetterTime}; see {@code dev.partita.protocol.jms}), so a JMS consumer of the
 * dead-letter queue reads the same message with five more properties; waits until the append is
 * committed, then archives the offsets {@code DEAD_LETTERED} in the source's state. The append is
 * idempotent by source: before appending, the dead-letter partition is scanned for records
 * already carrying the same source, so a broker that died between the append and the archive does
 * not append twice.
 *
 * <p>Thread-safe: moves start on the source partition's thread, the append runs on the dead-letter
 * partition's, the archive back on the source's; the set of moves in progress is concurrent.
 */
final class DeadLetters {

    /** Destination config naming the dead-letter queue. */
    static final String DEAD_LETTER_QUEUE = "dead.letter.queue";
    /** Destination config: deliveries after which a message is dead-lettered. */
    static final String MAX_DELIVERY_COUNT = "max.delivery.count";
    static final String DEFAULT_QUEUE = "DLQ";
    /** The source key a move of an earlier version wrote as a raw UTF-8 header: still honoured by the scan. */
    static final String LEGACY_SOURCE_HEADER = "partita.dlq.source";
    /** The headers a move adds; one of the same name already on the record (an earlier move) is replaced. */
    private static final Set<String> ADDED = Set.of(JmsHeaderNames.DEAD_LETTER_SOURCE, JmsHeaderNames.DEAD_LETTER_REASON,
            JmsHeaderNames.DEAD_LETTER_DELIVERY_COUNT, JmsHeaderNames.ORIGINAL_DESTINATION,
            JmsHeaderNames.DEAD_LETTER_TIME, LEGACY_SOURCE_HEADER, "partita.dlq.reason");

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final int SCAN_BYTES = 1 << 20;
    private static final long APPEND_TIMEOUT_MS = 30_000;

    private final SubscriptionManager manager;
    private final TopicService topics;
    private final Appender appender;
    private final Function<String, Map<String, String>> destinationConfigs;
    private final Set<String> moving = ConcurrentHashMap.newKeySet();

    DeadLetters(SubscriptionManager manager, TopicService topics, Appender appender,
                Function<String, Map<String, String>> destinationConfigs) {
        this.manager = manager;
        this.topics = topics;
        this.appender = appender;
        this.destinationConfigs = destinationConfigs;
    }

    /** Source partition thread: starts moving the pending runs not already being moved. */
    void move(Partition source, StateKey key, List<Run> pending) {
        for (Run run : pending) {
            String id = source.id() + "/" + Arrays.toString(key.bytes()) + "/" + run.first();
            if (moving.add(id)) {
                moveRun(source, key, run).whenComplete((ignored, failure) -> {
                    moving.remove(id);
                    if (failure != null) {
                        log.warn("Dead-lettering {}..{} of {} failed (retried on the next tick): {}", run.first(),
                                run.last(), source.id(), SubscriptionErrors.message(failure));
                    }
                });
            }
        }
    }

    private CompletableFuture<Void> moveRun(Partition source, StateKey key, Run run) {
        LogPartition sourceId = source.id();
        List<SimpleRecord> letters;
        try {
            letters = letters(source, run, originalDestination(sourceId.logId()), manager.nowMs());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String queue = destinationConfigs.apply(sourceId.logId()).getOrDefault(DEAD_LETTER_QUEUE, DEFAULT_QUEUE);
        return topics.resolve(TopicKey.queue(queue), true).thenCompose(info -> {
            LogPartition target = new LogPartition(info.logId(), 0);
            List<SimpleRecord> missing = notYetIn(target, letters);
            if (missing.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            return appender.append(target, MemoryRecords.withRecords(CompressionType.NONE, missing.toArray(SimpleRecord[]::new)),
                    Acks.ALL, APPEND_TIMEOUT_MS).thenAccept(result -> {
                        if (result.error() != Errors.NONE) {
                            throw new IllegalStateException("append to " + info.topic() + " failed: " + result.error()
                                    + " " + result.errorMessage());
                        }
                    });
        }).thenCompose(appended -> manager.onLeaderThread(sourceId, led -> {
            Optional<DeliveryLeader> leader = led.state().leader(key);
            if (leader.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            Proposal archive = leader.get().archive(ArchiveReason.DEAD_LETTERED,
                    List.of(new OffsetRange(run.first(), run.last(), run.deliveryCount())));
            return led.state().propose(key, archive).thenApply(result -> null);
        }));
    }

    /** {@code queue://name} or {@code topic://name} of a log, or its log id if no destination holds it any more. */
    private String originalDestination(String logId) {
        return topics.all().stream().filter(info -> info.logId().equals(logId)).findFirst()
                .map(info -> info.topic().kind().name().toLowerCase(java.util.Locale.ROOT) + "://" + info.topic().name())
                .orElse(logId);
    }

    /** The source records of a run, with the dead-letter properties added. */
    private static List<SimpleRecord> letters(Partition source, Run run, String originalDestination, long nowMs) {
        List<SimpleRecord> letters = new ArrayList<>();
        long next = Math.max(run.first(), source.logStartOffset());
        long firstExpected = next;
        // Batches are read whole, so the limit is the high watermark, not the run's end.
        long hw = source.highWatermark();
        while (next <= run.last() && next < hw) {
            MemoryRecords read = Acquirer.readWindow(source.log(), next, SCAN_BYTES, hw);
            if (read.sizeInBytes() == 0) {
                break;
            }
            for (Record record : read.records()) {
                next = Math.max(next, record.offset() + 1);
                if (record.offset() < run.first() || record.offset() > run.last()) {
                    continue;
                }
                List<Header> headers = new ArrayList<>();
                for (Header h : record.headers()) {
                    if (!ADDED.contains(h.key())) {
                        headers.add(h);
                    }
                }
                headers.add(JmsRecordCodec.propertyHeader(JmsHeaderNames.DEAD_LETTER_SOURCE,
                        sourceOf(source.id(), record.offset())));
                headers.add(JmsRecordCodec.propertyHeader(JmsHeaderNames.DEAD_LETTER_REASON, "delivered "
                        + run.deliveryCount() + " times without an acknowledgement"));
                headers.add(JmsRecordCodec.propertyHeader(JmsHeaderNames.DEAD_LETTER_DELIVERY_COUNT, run.deliveryCount()));
                headers.add(JmsRecordCodec.propertyHeader(JmsHeaderNames.ORIGINAL_DESTINATION, originalDestination));
                headers.add(JmsRecordCodec.propertyHeader(JmsHeaderNames.DEAD_LETTER_TIME, nowMs));
                letters.add(new SimpleRecord(record.timestamp(), bytes(record.hasKey() ? record.key() : null),
                        bytes(record.hasValue() ? record.value() : null), headers.toArray(Header[]::new)));
            }
        }
        if (letters.size() != run.last() - firstExpected + 1) {
            // Never archive what was not appended: retry on a later tick.
            throw new IllegalStateException("read " + letters.size() + " of the records " + firstExpected + ".."
                    + run.last() + " of " + source.id());
        }
        return letters;
    }

    /** The letters whose source no record of the dead-letter partition carries yet. */
    private List<SimpleRecord> notYetIn(LogPartition target, List<SimpleRecord> letters) {
        Partition dlq = manager.replicas().leaderPartition(target).orElse(null);
        Set<String> present = new HashSet<>();
        if (dlq != null) {
            Log dlqLog = dlq.log();
            long next = dlqLog.logStartOffset();
            long end = dlqLog.logEndOffset();
            while (next < end) {
                MemoryRecords read = Acquirer.readWindow(dlqLog, next, SCAN_BYTES, end);
                if (read.sizeInBytes() == 0) {
                    break;
                }
                for (Record record : read.records()) {
                    next = Math.max(next, record.offset() + 1);
                    String sourceKey = sourceOf(record.headers());
                    if (sourceKey != null) {
                        present.add(sourceKey);
                    }
                }
            }
        }
        return letters.stream().filter(letter -> !present.contains(sourceOf(letter.headers()))).toList();
    }

    /** The source key a dead-letter record carries, or null. */
    static String sourceOf(Header[] headers) {
        for (Header h : headers) {
            if (h.key().equals(JmsHeaderNames.DEAD_LETTER_SOURCE)
                    && JmsRecordCodec.DEFAULT.propertyValue(h) instanceof String source) {
                return source;
            }
            if (h.key().equals(LEGACY_SOURCE_HEADER)) {
                return new String(h.value(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String sourceOf(LogPartition id, long offset) {
        return id.logId() + ":" + id.partition() + ":" + offset;
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** The maximum delivery count of a destination's log: its config, or the broker's default. */
    static int maxDeliveryCount(Map<String, String> configs, int otherwise) {
        String value = configs.get(MAX_DELIVERY_COUNT);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
