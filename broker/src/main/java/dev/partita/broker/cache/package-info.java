/**
 * The offset cache: a cluster-wide, eventually consistent view of subscription progress, kept in an
 * embedded Hazelcast member per broker.
 *
 * <h2>What it is</h2>
 * <ul>
 *   <li>One distributed map from (subscription, generation, log id, partition) to (committed start,
 *       log end, lag, consumers, leader epoch, state offset, updated-at), written by each partition
 *       leader ({@code subscription.OffsetPublisher}, from the lease timer on the partition's thread,
 *       about once a second, only what changed plus a refresh every
 *       {@link dev.partita.broker.cache.OffsetCache#REFRESH_INTERVAL_MS}), read by any broker to answer
 *       {@code DESCRIBE_SUBSCRIPTIONS} ({@code subscription.DescribeSubscriptionsHandler}, behind
 *       {@code bin/partita admin subscriptions}) without asking every leader
 *       ({@link dev.partita.broker.cache.OffsetCache}). {@code PartitaBroker} starts it (unless
 *       {@code cache.enabled=false}) and closes it at shutdown.</li>
 *   <li>Versioned: a write replaces an entry only if its (leader epoch, state offset) is strictly
 *       greater (then log end, then time: a produce changes no state), compared and stored in one
 *       step on the key's owning member (an entry processor), so writes arriving late or out of
 *       order never move an entry backwards. Entries live 60 s after their last write, so those of
 *       deleted subscriptions and departed leaders go.</li>
 *   <li>Members find each other through ZooKeeper: each publishes its address as an ephemeral node
 *       {@code <root>/hazelcast/members/<brokerId>} ({@link dev.partita.broker.zk.CacheMemberRegistry})
 *       and a Hazelcast discovery strategy lists those nodes; no multicast, no static member list.
 *       The Hazelcast cluster name is {@code partita<root>#<cluster id>}, the id a random value kept in
 *       {@code <root>/hazelcast/cluster_id}, so two Partita clusters never merge. Phone-home, metrics
 *       and Jet are off; Hazelcast logs through SLF4J.</li>
 *   <li>Keys and values travel with Compact serialization, the write processor as an
 *       {@code IdentifiedDataSerializable}; none of our classes uses Java serialization.</li>
 * </ul>
 *
 * <h2>What it is not</h2>
 * <ul>
 *   <li>Not a source of truth: no delivery, acknowledgement, retention or leadership decision reads it.
 *       The truth is the partition's {@code p.state} log; the cache may be stale, incomplete, or
 *       empty (after a restart of every member, or with the {@link dev.partita.broker.cache.NoOpOffsetCache}).
 *       A split Hazelcast cluster costs freshness, never data.</li>
 *   <li>Not on the hot path: {@code put} never blocks and never throws. Writes wait in a bounded,
 *       per-key coalescing queue drained by one thread; a write the cache cannot take (queue full,
 *       too many unanswered, member down) is dropped and counted
 *       ({@link dev.partita.broker.cache.OffsetCacheStats}).</li>
 *   <li>Not required: if the member cannot start within {@code cache.startup.timeout.ms}, the broker
 *       logs a warning and runs on with the no-op cache
 *       ({@link dev.partita.broker.cache.OffsetCaches#startOrNoOp}), starting the member again every
 *       {@link dev.partita.broker.cache.OffsetCaches#START_RETRY_DELAY} until one runs.</li>
 * </ul>
 *
 * <p>Starting: {@link dev.partita.broker.cache.OffsetCaches#startOrNoOp} waits for the member (at most
 * the startup timeout); {@link dev.partita.broker.cache.BackgroundOffsetCache} does the same on its own
 * thread and behaves as the no-op cache until then, so a broker's startup never waits for Hazelcast.
 *
 * <p>Threads: {@code partita-offset-cache-init} (the background start),
 * {@code partita-offset-cache-start} (starts the member, bounded by the startup timeout),
 * {@code partita-offset-cache-writer} (sends queued writes), {@code partita-offset-cache-query}
 * (describe and lag queries), and Hazelcast's own {@code hz.partita-cache-<brokerId>-...} threads.
 */
package dev.partita.broker.cache;
