package dev.partita.broker.cache;

/**
 * Counters of the cache's writes since it started (each a running total).
 *
 * @param accepted   writes taken into the write queue (a later write of the same key may replace a
 *                   queued one: that counts as accepted, not dropped)
 * @param applied    writes the owning member stored
 * @param superseded writes the owning member ignored because it held a newer version
 * @param dropped    writes given up before reaching Hazelcast: queue full, too many in flight, member
 *                   not running, cache closed
 * @param failed     writes Hazelcast reported as failed (timeout, member left, ...)
 */
public record OffsetCacheStats(long accepted, long applied, long superseded, long dropped, long failed) {

    public static final OffsetCacheStats NONE = new OffsetCacheStats(0, 0, 0, 0, 0);
}
