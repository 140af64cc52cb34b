package dev.partita.provider.producer;

import dev.partita.provider.session.NotImplementedYet;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;

/**
 * The per-send settings of one send: delivery mode, priority, time to live, delivery delay and
 * whether to generate a message ID and a timestamp. Immutable.
 */
public record SendOptions(int deliveryMode, int priority, long timeToLive, long deliveryDelay,
                          boolean disableMessageId, boolean disableMessageTimestamp) {

    /** The defaults of a new producer: PERSISTENT, priority 4, no expiry, no delay, ID and timestamp on. */
    public static final SendOptions DEFAULT = new SendOptions(DeliveryMode.PERSISTENT, 4, 0, 0, false, false);

    /** This with another delivery mode, priority and time to live (the explicit send arguments). */
    public SendOptions with(int newDeliveryMode, int newPriority, long newTimeToLive) {
        return new SendOptions(newDeliveryMode, newPriority, newTimeToLive, deliveryDelay, disableMessageId, disableMessageTimestamp);
    }

    /**
     * @throws JMSException for a delivery mode that is neither PERSISTENT nor NON_PERSISTENT, a
     *         priority outside 0..9, a negative delivery delay or (not supported yet) one above 0
     */
    public void validate() throws JMSException {
        checkDeliveryMode(deliveryMode);
        checkPriority(priority);
        checkDeliveryDelay(deliveryDelay);
    }

    public static void checkDeliveryMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("delivery mode must be DeliveryMode.PERSISTENT (2) or NON_PERSISTENT (1), not " + mode);
        }
    }

    public static void checkPriority(int value) throws JMSException {
        if (value < 0 || value > 9) {
            throw new JMSException("priority must be 0..9, not " + value);
        }
    }

    public static void checkDeliveryDelay(long delayMs) throws JMSException {
        if (delayMs < 0) {
            throw new JMSException("delivery delay must not be negative: " + delayMs);
        }
        if (delayMs > 0) {
            throw NotImplementedYet.deliveryDelay(delayMs);
        }
    }
}
