package dev.partita.bench.report;

import dev.partita.bench.workload.SystemConfig;

/** The Partita/Kafka pairs the report compares, the first being the goal's. */
public enum ComparisonPair {

    EQUAL_DURABILITY("Equal durability (acknowledged after fsync)", SystemConfig.PARTITA_ALL, SystemConfig.KAFKA_FLUSH_EACH),
    DEFAULTS("Defaults (each broker as shipped)", SystemConfig.PARTITA_ALL, SystemConfig.KAFKA_PAGE_CACHE),
    NO_FSYNC_WAIT("No wait for fsync (acknowledged from the page cache)", SystemConfig.PARTITA_LEADER,
        SystemConfig.KAFKA_PAGE_CACHE);

    private final String title;
    private final SystemConfig partita;
    private final SystemConfig kafka;

    ComparisonPair(String title, SystemConfig partita, SystemConfig kafka) {
        this.title = title;
        this.partita = partita;
        this.kafka = kafka;
    }

    public String title() {
        return title;
    }

    public SystemConfig partita() {
        return partita;
    }

    public SystemConfig kafka() {
        return kafka;
    }
}
