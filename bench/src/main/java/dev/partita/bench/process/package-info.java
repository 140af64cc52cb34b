/**
 * Brokers under test as child processes: a JVM per broker with the same heap, on loopback ports
 * picked at run time, with temporary data directories that are removed when the broker stops, and
 * the peak resident memory read from {@code /proc} before it stops.
 */
package dev.partita.bench.process;
