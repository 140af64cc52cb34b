/**
 * The receiving side of the provider: consumers, their prefetch, the session's delivery thread
 * and acknowledgement, and the connection's heartbeats.
 *
 * <ul>
 *   <li>{@link dev.partita.provider.consumer.ConnectionConsumers}: per connection: the logical
 *       connection id, consumer ids, the subscription client, session heartbeats to every broker
 *       the connection holds acquisitions on, and the timer of retries and batched acks.</li>
 *   <li>{@link dev.partita.provider.consumer.SessionDelivery}: per session: its logical id, what it
 *       handed to the application and has not acknowledged, acknowledge / recover / close, and the
 *       one delivery thread that runs the session's {@code MessageListener}s serially.</li>
 *   <li>{@link dev.partita.provider.consumer.PartitaMessageConsumer}: one consumer: subscribes,
 *       keeps its prefetch full with ACQUIRE requests across the partitions
 *       ({@link dev.partita.provider.consumer.Acquirer}), receive and listener.</li>
 *   <li>{@link dev.partita.provider.consumer.PrefetchBuffer}: prefetched messages ordered by
 *       priority, then arrival (offset order within a partition).</li>
 *   <li>{@link dev.partita.provider.consumer.StateChanges}: ACKNOWLEDGE and RELEASE requests
 *       built from deliveries, sent to the partition leaders, retried while retriable.</li>
 * </ul>
 */
package dev.partita.provider.consumer;
