package dev.partita.bench.workload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs the workload against Kafka with {@code kafka-clients}: an admin client for topics, a new
 * producer per produce phase (acks=all, the shared batch size and linger, no compression, no
 * idempotence since Partita's client does not number its batches yet) and a consumer without a
 * group that assigns every partition and reads from the beginning. Not thread-safe.
 */
public final class KafkaDriver implements BenchDriver {

    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final ClientSettings settings;
    private final AdminClient admin;

    public KafkaDriver(String bootstrapServers, ClientSettings settings) {
        this.bootstrapServers = bootstrapServers;
        this.settings = settings;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = AdminClient.create(props);
    }

    @Override
    public void createTopic(String topic, int partitions, SystemConfig config) throws Exception {
        NewTopic newTopic = new NewTopic(topic, partitions, (short) 1);
        if (config == SystemConfig.KAFKA_FLUSH_EACH) {
            newTopic.configs(Map.of("flush.messages", "1"));
        }
        long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
        while (true) {
            try {
                admin.createTopics(List.of(newTopic)).all().get(10, TimeUnit.SECONDS);
                break;
            } catch (ExecutionException | TimeoutException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    break; // an earlier attempt that timed out did create it
                }
                // Right after start the controller may not be ready yet: retry until the deadline.
                if (System.nanoTime() > deadline) {
                    throw new BenchRunException("cannot create Kafka topic " + topic, e);
                }
                Thread.sleep(200);
            }
        }
        awaitLeaders(topic, partitions, deadline);
    }

    private void awaitLeaders(String topic, int partitions, long deadline) throws Exception {
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic);
                if (description.partitions().size() == partitions
                    && description.partitions().stream().allMatch(p -> p.leader() != null)
                    && leadersServeReads(topic, partitions)) {
                    return;
                }
            } catch (ExecutionException | TimeoutException notYet) {
                // Metadata not propagated yet.
            }
            if (System.nanoTime() > deadline) {
                throw new BenchRunException("Kafka topic " + topic + " has no leaders after " + TOPIC_READY_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    /**
     * Whether every partition's leader answers a list-offsets request: the metadata names a leader
     * a moment before the broker has made itself leader, and produces in that moment are refused
     * with NOT_LEADER_OR_FOLLOWER and retried after a back-off, which would count in the figures.
     */
    private boolean leadersServeReads(String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        try {
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException notYet) {
            return false;
        }
    }

    @Override
    public ProduceResult produce(String topic, WorkloadSpec spec, SystemConfig config, byte[] value) throws Exception {
        SendTracker tracker = new SendTracker(settings.maxInFlightRecords(spec.recordBytes()));
        PartitionPlan partitions = new PartitionPlan(spec.partitions(), settings.batchSizeBytes(), spec.recordBytes());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            // Fetch metadata before the clock starts, as the Partita driver does.
            producer.partitionsFor(topic);
            long start = System.nanoTime();
            for (long i = 0; i < spec.records(); i++) {
                long sendStart = tracker.beforeSend(settings.phaseTimeout());
                producer.send(new ProducerRecord<>(topic, partitions.partitionOf(i), null, value),
                    (metadata, error) -> tracker.acknowledged(sendStart, error));
            }
            producer.flush();
            tracker.awaitAll(settings.phaseTimeout());
            long elapsed = System.nanoTime() - start;
            return new ProduceResult(tracker.acknowledgedCount(), tracker.acknowledgedCount() * spec.recordBytes(),
                elapsed, tracker.latencyMicros());
        }
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(settings.batchSizeBytes()));
        props.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(settings.lingerMs()));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        // Room for every in-flight byte plus batch overhead, so the shared in-flight limit, not
        // buffer.memory, is what makes send() wait.
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(Math.max(32L << 20, settings.maxInFlightBytes() * 2)));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    @Override
    public ConsumeResult consume(String topic, WorkloadSpec spec) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < spec.partitions(); p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long records = 0;
            long bytes = 0;
            long start = System.nanoTime();
            long deadline = start + settings.phaseTimeout().toNanos();
            while (records < spec.records()) {
                if (System.nanoTime() > deadline) {
                    throw new BenchRunException("Kafka consumer read " + records + " of " + spec.records()
                        + " records in " + settings.phaseTimeout());
                }
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    records++;
                    bytes += record.value().length;
                }
            }
            return new ConsumeResult(records, bytes, System.nanoTime() - start);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }
}
