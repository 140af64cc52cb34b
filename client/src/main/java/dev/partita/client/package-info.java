/**
 * Partita's low-level asynchronous client: the entry point {@link dev.partita.client.PartitaClient},
 * its settings {@link dev.partita.client.ClientConfig}, and the callback thread on which user-facing
 * futures complete. It knows nothing of JMS: the provider builds on it, and brokers use it to talk
 * to each other.
 *
 * <p>Threading model:
 * <ul>
 *   <li>{@code partita-client-io-N} (Netty event loops): every connection's state, writes, reads,
 *       response decoding, request timeouts. Nothing blocks there; internal futures
 *       ({@code network}, {@code metadata}) complete there.</li>
 *   <li>{@code partita-client-callback-N} (one per client): completes every future handed to user
 *       code (producer sends, admin calls), in order, so user code never runs on an I/O thread (a
 *       stage may also run on a thread that attaches it late or waits in {@code get}, as always
 *       with {@code CompletableFuture}).
 *       Blocking in a callback delays other callbacks; {@code flush}/{@code close} of a producer
 *       from a callback throw instead of deadlocking.</li>
 *   <li>{@code partita-producer-N} (one per producer): builds and compresses batches and sends them.</li>
 *   <li>Caller threads: {@code Producer.send} may block for first-use metadata or buffer memory;
 *       {@code LogConsumer.poll} blocks its (single) caller up to its timeout.</li>
 * </ul>
 */
package dev.partita.client;
