package dev.partita.bench.workload;

/**
 * The broker configurations measured: what is acknowledged when, on each side. The report pairs
 * them: equal durability ({@link #PARTITA_ALL} vs {@link #KAFKA_FLUSH_EACH}), defaults
 * ({@link #PARTITA_ALL} vs {@link #KAFKA_PAGE_CACHE}) and no wait for fsync
 * ({@link #PARTITA_LEADER} vs {@link #KAFKA_PAGE_CACHE}).
 */
public enum SystemConfig {

    /** Partita's default: acks ALL, acknowledged once the group-commit flusher has fsynced the batch. */
    PARTITA_ALL(Product.PARTITA, "Partita acks=ALL, group commit (default)"),
    /** Partita acks LEADER: acknowledged once appended (page cache); the flusher still fsyncs in the background. */
    PARTITA_LEADER(Product.PARTITA, "Partita acks=LEADER (no wait for fsync)"),
    /** Kafka acks=all with topic {@code flush.messages=1}: fsync after every append, before the ack. */
    KAFKA_FLUSH_EACH(Product.KAFKA, "Kafka acks=all, flush.messages=1"),
    /** Kafka's default: acks=all, data in the page cache, fsync left to the OS. */
    KAFKA_PAGE_CACHE(Product.KAFKA, "Kafka acks=all, default flush (page cache)");

    /** Which broker a configuration runs on. */
    public enum Product {
        PARTITA("Partita"), KAFKA("Kafka");

        private final String displayName;

        Product(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }
    }

    private final Product product;
    private final String description;

    SystemConfig(Product product, String description) {
        this.product = product;
        this.description = description;
    }

    public Product product() {
        return product;
    }

    public String description() {
        return description;
    }
}
