/**
 * The subscription APIs served on the broker: per data partition a {@code p.state} log (storage
 * log {@code <logId>.state}, same partition number, in the data directory) holding the delivery
 * state of every subscription of that partition, owned by the partition's writer thread and
 * rebuilt by replay when this broker starts leading it; request handlers for SUBSCRIBE (queue and
 * private keys), SESSION_HEARTBEAT, ACQUIRE (long poll), ACKNOWLEDGE and RELEASE; the lease timer;
 * temporary queues and topics ({@link dev.partita.broker.subscription.TemporaryDestinations}:
 * TEMPORARY_CREATE and TEMPORARY_DELETE, keyed sub-streams of internal topics).
 * The delivery logic itself is {@code dev.partita.broker.delivery}'s; this package only wires it.
 *
 * <p>Threads: handlers run on event loops and hop to partition threads; {@code partita-subscription-leases}
 * ticks each state partition's lease upkeep on its partition thread; the flusher's callback commits
 * state records on the partition thread.
 */
package dev.partita.broker.subscription;
