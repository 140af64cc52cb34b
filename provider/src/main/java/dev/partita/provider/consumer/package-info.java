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
 *   <li>{@link dev.partita.provider.consumer.Subscriptions}: what each session consumer method means
 *       as a subscription key, with the spec's argument checks; {@link dev.partita.provider.consumer.ClientIds}:
 *       client IDs claimed cluster-wide.</li>
 *   <li>{@link dev.partita.provider.consumer.PartitaQueueBrowser} (BROWSE, page by page) and
 *       {@link dev.partita.provider.consumer.PartitaJMSConsumer} (the simplified API's consumer).</li>
 *   <li>{@link dev.partita.provider.consumer.PartitaConnectionConsumer}: a connection consumer
 *       (application server facilities): a session of its own acquires, server sessions from the
 *       pool get up to {@code maxMessages} messages loaded, and {@code Session.run} hands them to
 *       the session's distinguished listener ({@link dev.partita.provider.consumer.SessionDelivery#runLoaded}).</li>
 * </ul>
 *
 * <p>Threads: listeners run on {@code partita-jms-session-N} (one per session with a listener);
 * a connection consumer loads server sessions on {@code partita-jms-connection-consumer-N}, and
 * {@code Session.run} runs on the application server's thread;
 * heartbeats, retries and batched acks on {@code partita-jms-consumers-N} (one per connection);
 * answers arrive on client I/O threads and never block there. ACQUIRE long polls use a client
 * connection of their own, since a broker answers one TCP connection's requests in order.
 */
package dev.partita.provider.consumer;
