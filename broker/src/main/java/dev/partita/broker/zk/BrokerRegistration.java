package dev.partita.broker.zk;

import java.util.Objects;

/**
 * What a live broker publishes in its ephemeral node {@code brokers/ids/<id>}: where clients reach it.
 *
 * @param id   broker id, unique in the cluster
 * @param host host name or address clients connect to
 * @param port client port
 * @param rack rack name for rack-aware replica placement, or null
 */
public record BrokerRegistration(int id, String host, int port, String rack) {

    public BrokerRegistration {
        Objects.requireNonNull(host, "host");
        if (id < 0) {
            throw new IllegalArgumentException("broker id must be >= 0: " + id);
        }
    }
}
