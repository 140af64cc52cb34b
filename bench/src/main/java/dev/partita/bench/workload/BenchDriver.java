package dev.partita.bench.workload;

/**
 * Drives one broker through the workload with that broker's own client. One driver per broker
 * start; not thread-safe (the benchmark runs one phase at a time).
 */
public interface BenchDriver extends AutoCloseable {

    /** Creates {@code topic} with {@code partitions} partitions and the topic settings of {@code config}, and waits until it can take records. */
    void createTopic(String topic, int partitions, SystemConfig config) throws Exception;

    /** Sends {@code spec.records()} values of {@code value.length} bytes with the acks of {@code config}; returns once all are acknowledged. */
    ProduceResult produce(String topic, WorkloadSpec spec, SystemConfig config, byte[] value) throws Exception;

    /** Reads every partition of {@code topic} from its start until {@code spec.records()} records have arrived. */
    ConsumeResult consume(String topic, WorkloadSpec spec) throws Exception;

    @Override
    void close();
}
