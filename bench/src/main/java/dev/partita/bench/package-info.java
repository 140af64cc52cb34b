/**
 * Benchmarks of Partita against Apache Kafka: {@link dev.partita.bench.PerfRun} runs the same
 * producer/consumer workload against both brokers, each in its own child JVM, in alternating
 * rounds and prints medians and ratios as markdown. No test in this module passes or fails on
 * timing.
 */
package dev.partita.bench;
