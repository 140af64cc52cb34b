/**
 * JMH micro-benchmarks of hot paths (run with {@code org.openjdk.jmh.Main}, see bench/README.md).
 * The JMH annotation processor generates the harness classes at compile time.
 */
package dev.partita.bench.jmh;
