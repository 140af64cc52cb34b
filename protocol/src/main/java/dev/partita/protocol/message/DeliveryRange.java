package dev.partita.protocol.message;

/**
 * Consecutive offsets {@code firstOffset..lastOffset} (inclusive) of one partition that share a
 * delivery count: how acquisitions, acknowledgements and browse results name offsets. An
 * acknowledgement is an explicit set of such ranges, never "everything up to an offset".
 *
 * @param deliveryCount deliveries that reached an application before this one (0 on a first
 *                      delivery; {@code JMSXDeliveryCount} is this + 1)
 */
public record DeliveryRange(long firstOffset, long lastOffset, int deliveryCount) { }
