package dev.partita.bench.workload;

import dev.partita.client.ClientConfig;
import dev.partita.client.PartitaClient;
import dev.partita.client.consumer.ConsumedRecord;
import dev.partita.client.consumer.LogConsumer;
import dev.partita.client.producer.Producer;
import dev.partita.client.producer.ProducerRecord;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.TopicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the workload against Partita with its low-level client. Topics are Partita topics
 * ({@link DestinationKind#TOPIC}) created with the broker's default topic settings (flush policy
 * group commit). Acks are a client setting in Partita, so each produce phase uses a client of its
 * own with the acks of the configuration, the shared batch size and linger, no compression; the
 * consumer assigns every partition from offset 0 with the client's fetch defaults (min 1 byte, max
 * wait 500 ms, 1 MiB per partition, as Kafka's). Not thread-safe.
 */
public final class PartitaDriver implements BenchDriver {

    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final ClientSettings settings;
    private final PartitaClient adminClient;

    public PartitaDriver(String bootstrapServers, ClientSettings settings) {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
        this.adminClient = PartitaClient.create(clientConfig(Acks.ALL));
    }

    private ClientConfig clientConfig(Acks acks) {
        return ClientConfig.builder()
            .bootstrapServers(bootstrapServers)
            .clientId("partita-bench")
            .acks(acks)
            .batchSize(settings.batchSizeBytes())
            .lingerMs(settings.lingerMs())
            // As for Kafka: room for every in-flight byte, so the shared limit is what makes send() wait.
            .bufferMemory(Math.max(32L << 20, settings.maxInFlightBytes() * 2))
            .autoCreateTopics(false)
            .build();
    }

    private static TopicKey key(String topic) {
        return new TopicKey(DestinationKind.TOPIC, topic);
    }

    @Override
    public void createTopic(String topic, int partitions, SystemConfig config) throws Exception {
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        while (true) {
            try {
                adminClient.admin().createTopic(key(topic), partitions, (short) 1, Map.of()).get(30, TimeUnit.SECONDS);
                break;
            } catch (ExecutionException | TimeoutException e) {
                if (e.getCause() instanceof ApiException api && api.error() == Errors.TOPIC_ALREADY_EXISTS) {
                    break; // an earlier attempt that timed out did create it
                }
                // Right after start the controller may not be elected yet: retry until the deadline.
                if (System.nanoTime() > deadline) {
                    throw new BenchRunException("cannot create Partita topic " + topic, e);
                }
                Thread.sleep(200);
            }
        }
        while (!hasAllLeaders(topic, partitions)) {
            if (System.nanoTime() > deadline) {
                throw new BenchRunException("Partita topic " + topic + " has no leaders after " + TOPIC_READY_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    private boolean hasAllLeaders(String topic, int partitions) throws InterruptedException {
        MetadataResponse metadata;
        try {
            metadata = adminClient.admin().metadata(List.of(key(topic))).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException notYet) {
            return false;
        }
        return metadata.topics().stream().anyMatch(t -> t.topic().equals(key(topic))
            && t.partitions().size() == partitions
            && t.partitions().stream().allMatch(p -> p.leaderId() >= 0));
    }

    @Override
    public ProduceResult produce(String topic, WorkloadSpec spec, SystemConfig config, byte[] value) throws Exception {
        Acks acks = config == SystemConfig.PARTITA_LEADER ? Acks.LEADER : Acks.ALL;
        SendTracker tracker = new SendTracker(settings.maxInFlightRecords(spec.recordBytes()));
        PartitionPlan partitions = new PartitionPlan(spec.partitions(), settings.batchSizeBytes(), spec.recordBytes());
        TopicKey key = key(topic);
        try (PartitaClient client = PartitaClient.create(clientConfig(acks)); Producer producer = client.newProducer()) {
            // Fetch metadata before the clock starts, as the Kafka driver does.
            client.metadata().topic(key, false, TOPIC_READY_TIMEOUT.toMillis()).get(TOPIC_READY_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            for (long i = 0; i < spec.records(); i++) {
                long sendStart = tracker.beforeSend(settings.phaseTimeout());
                producer.send(new ProducerRecord(key, partitions.partitionOf(i), null, null, value, List.of()))
                    .whenComplete((metadata, error) -> tracker.acknowledged(sendStart, error));
            }
            producer.flush();
            tracker.awaitAll(settings.phaseTimeout());
            long elapsed = System.nanoTime() - start;
            return new ProduceResult(tracker.acknowledgedCount(), tracker.acknowledgedCount() * spec.recordBytes(),
                elapsed, tracker.latencyMicros());
        }
    }

    @Override
    public ConsumeResult consume(String topic, WorkloadSpec spec) throws Exception {
        TopicKey key = key(topic);
        try (LogConsumer consumer = adminClient.newConsumer()) {
            for (int p = 0; p < spec.partitions(); p++) {
                consumer.assign(key, p, 0);
            }
            long records = 0;
            long bytes = 0;
            long start = System.nanoTime();
            long deadline = start + settings.phaseTimeout().toNanos();
            while (records < spec.records()) {
                if (System.nanoTime() > deadline) {
                    throw new BenchRunException("Partita consumer read " + records + " of " + spec.records()
                        + " records in " + settings.phaseTimeout());
                }
                for (ConsumedRecord record : consumer.poll(Duration.ofMillis(100))) {
                    records++;
                    bytes += record.value().length;
                }
            }
            return new ConsumeResult(records, bytes, System.nanoTime() - start);
        }
    }

    @Override
    public void close() {
        adminClient.close();
    }
}
