package dev.partita.protocol.jms;

import java.util.Objects;
import java.util.UUID;

/**
 * Who sent a message: the logical id of the sending connection and its client ID, if it had one.
 * The broker compares them with a {@code noLocal} consumer's connection and client ID. Immutable.
 *
 * @param connectionId the sending connection's logical id
 * @param clientId     the sending connection's client ID, or null when it had none
 */
public record JmsSender(UUID connectionId, String clientId) {

    public JmsSender {
        Objects.requireNonNull(connectionId, "connection id");
    }
}
