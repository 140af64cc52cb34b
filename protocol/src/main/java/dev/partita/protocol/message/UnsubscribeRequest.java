package dev.partita.protocol.message;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Ends a consumer's use of a subscription ({@link Mode#CLOSE_CONSUMER}: the consumer closed; a
 * private or shared non-durable subscription ends with its last consumer) or deletes a durable
 * subscription ({@link Mode#DELETE}: JMS {@code unsubscribe}, refused with SUBSCRIPTION_IN_USE while
 * it has an active consumer, UNKNOWN_SUBSCRIPTION if it does not exist). {@code consumerId} is
 * ignored for DELETE.
 */
public record UnsubscribeRequest(Mode mode, SubscriptionKey key, UUID connectionId, long consumerId)
        implements ApiRequest {

    public UnsubscribeRequest {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(connectionId, "connectionId");
    }

    @Override
    public ApiKey apiKey() { return ApiKey.UNSUBSCRIBE; }

    /** What to end, with its wire code (never changes). */
    public enum Mode {
        CLOSE_CONSUMER(1),
        DELETE(2);

        private final byte code;

        Mode(int code) {
            this.code = (byte) code;
        }

        public byte code() { return code; }

        public static Optional<Mode> forCode(byte code) {
            for (Mode mode : values()) {
                if (mode.code == code) {
                    return Optional.of(mode);
                }
            }
            return Optional.empty();
        }
    }
}
