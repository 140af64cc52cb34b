package dev.partita.broker.zk;

import dev.partita.protocol.message.SubscriptionKey;
import java.nio.charset.StandardCharsets;

/** What {@link SubscriptionRegistry#attach} refuses before touching ZooKeeper. Stateless. */
final class SubscriptionChecks {

    /** Longest selector stored, in UTF-8 bytes (a ZooKeeper value string). */
    static final int MAX_SELECTOR_BYTES = Short.MAX_VALUE;

    private SubscriptionChecks() {
    }

    /** @throws InvalidSubscriptionException for a key or definition that can never be valid */
    static void validate(SubscriptionKey key, SubscriptionDefinition definition) {
        String clientId;
        String name;
        if (key instanceof SubscriptionKey.Durable durable) {
            clientId = durable.clientId();
            name = durable.name();
            if (clientId == null && !definition.shared()) {
                throw new InvalidSubscriptionException("An unshared durable subscription needs a client ID");
            }
        } else if (key instanceof SubscriptionKey.Shared shared) {
            clientId = shared.clientId();
            name = shared.name();
        } else {
            throw new InvalidSubscriptionException(key + " is not a durable or shared subscription");
        }
        ZkNames.problem("Subscription name", name).ifPresent(problem -> {
            throw new InvalidSubscriptionException(problem);
        });
        if (clientId != null) {
            ZkNames.problem("Client ID", clientId).ifPresent(problem -> {
                throw new InvalidSubscriptionException(problem);
            });
        }
        if (definition.selector() != null
                && definition.selector().getBytes(StandardCharsets.UTF_8).length > MAX_SELECTOR_BYTES) {
            throw new InvalidSubscriptionException("Selector longer than " + MAX_SELECTOR_BYTES + " UTF-8 bytes");
        }
    }
}
