/**
 * Turns the measurements of a perf run into markdown: medians over rounds, Partita/Kafka ratios
 * per durability pair, latency percentiles, peak resident memory and the disk's fsync limit.
 * Pure functions over immutable values; no I/O.
 */
package dev.partita.bench.report;
