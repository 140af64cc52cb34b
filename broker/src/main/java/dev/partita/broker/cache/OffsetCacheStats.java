package dev.partita.broker.cache;

/**
 * Counters of the cache's writes since it started (each a running total).
 *
 * @param accepted   writes taken into the write queue
 * @param coalesced  accepted writes merged with a waiting write of the same key (only the newer of the
 *                   two is sent, so these are never sent on their own)
 * @param applied    writes the owning member stored
 * @param superseded writes the owning member ignored because it held a newer version
 * @param dropped    writes given up before reaching Hazelcast: queue full, too many in flight, member
 *                   not running, cache closed
 * @param failed     writes Hazelcast reported as failed (timeout, member left, ...)
 */
public record OffsetCacheStats(long accepted, long coalesced, long applied, long superseded, long dropped, long failed) {

    public static final OffsetCacheStats NONE = new OffsetCacheStats(0, 0, 0, 0, 0, 0);
}
