/**
 * The JMS-level benchmark: the same {@code jakarta.jms} workload (persistent 1 KiB messages, queues
 * with 1 and 4 producers and consumers, a topic with 2 subscribers, synchronous sends and
 * asynchronous sends with a {@code CompletionListener}) against Partita and Apache ActiveMQ Artemis,
 * each broker in a child JVM with the same heap, in alternating rounds. Reports throughput,
 * end-to-end latency percentiles (HdrHistogram) and a count-and-id check that nothing was lost or
 * duplicated.
 *
 * <p>{@link dev.partita.bench.jms.JmsRun} is the command line; {@link dev.partita.bench.jms.JmsRunner}
 * the rounds; {@link dev.partita.bench.jms.JmsWorkload} one cell through plain {@code jakarta.jms};
 * {@link dev.partita.bench.jms.ArtemisProcess} and {@link dev.partita.bench.jms.ArtemisServerMain}
 * the Artemis broker; {@link dev.partita.bench.jms.JmsReport} the markdown. Partita's broker is
 * started with {@link dev.partita.bench.process.PartitaProcess}.
 */
package dev.partita.bench.jms;
