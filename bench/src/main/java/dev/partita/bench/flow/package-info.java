/**
 * Flow control under small heaps: {@link dev.partita.bench.flow.FlowRun} drives a fast
 * asynchronous JMS producer, a slow consumer and a backlog drain against a Partita broker, each in a
 * JVM of its own with a small heap ({@link dev.partita.bench.flow.FlowBroker},
 * {@link dev.partita.bench.flow.FlowClient}), and reports each JVM's heap and resident memory peaks
 * ({@link dev.partita.bench.flow.HeapSampler}).
 */
package dev.partita.bench.flow;
