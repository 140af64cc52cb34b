package dev.partita.bench.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow control under small heaps (issue 3), the suite-sized {@link FlowRun}: a broker in a child
 * JVM with {@code -Xmx128m} and plain JMS clients in child JVMs with {@code -Xmx64m}. A producer
 * sends {@value #MESSAGES} {@code PERSISTENT} messages of {@value #MESSAGE_BYTES} bytes
 * asynchronously, as fast as {@code send} returns, while a slow {@code AUTO_ACKNOWLEDGE} consumer
 * falls behind; then a {@code CLIENT_ACKNOWLEDGE} consumer drains the backlog. Every message must
 * arrive exactly once, no JVM may run out of memory ({@code -XX:+ExitOnOutOfMemoryError} turns any
 * {@code OutOfMemoryError}, even one swallowed by a thread, into exit code 3), and the heap each
 * JVM kept after its collections must stay below what the flow-control settings bound:
 *
 * <ul>
 *   <li>producer: {@code bufferMemory}, which counts each unacknowledged message's record and what
 *       its asynchronous send keeps for the listener (sends block beyond it), plus a fixed margin;</li>
 *   <li>consumers: {@code prefetch} messages (each held as a decoded message and its record),
 *       the ACQUIRE answers in flight (1 MiB per partition), plus a fixed margin;</li>
 *   <li>broker: half its heap: its fixed footprint (ZooKeeper, indexes, delivery state) plus the
 *       produce requests its connections may have in flight (one per partition and producer).</li>
 * </ul>
 *
 * Messages the slow consumer had acquired when it closed normally come back at once; any that were
 * still on their way to it come back when its session's lease ends ({@value #LEASE_MS} ms here),
 * so the drain waits three leases for a message before it gives up.
 *
 * <p>The heap is measured in each child by {@link HeapSampler} (live set after a forced full
 * collection, every 500 ms). Measured on a loaded 2-core machine: producer about 42 MiB of 64,
 * consumers 15 MiB, broker 25 to 30 MiB of 128 (with 1,000,000 messages, {@code FlowRun}:
 * producer 54, drain 25, broker 33: more samples catch more transient peaks); before asynchronous
 * sends counted their message objects the producer held 60 MiB of its 64, above its bound.
 *
 * <p>{@link FlowRun#run()} stops every JVM it started and deletes its directory also when it
 * fails (a timeout of this test interrupts it); the JVMs' logs are copied under {@link TempDir}
 * for the failure messages.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class FlowControlIT {

    static final int MESSAGES = 100_000;
    static final int MESSAGE_BYTES = 1024;
    private static final long MIB = 1024 * 1024;

    private static final long BROKER_HEAP = 128 * MIB;
    private static final long CLIENT_HEAP = 64 * MIB;

    /** The settings under test, as the URL gives them (the defaults, written out so the bounds below follow from them). */
    private static final int PREFETCH = 1000;
    private static final long BUFFER_MEMORY = 32 * MIB;

    /**
     * What a JMS client JVM keeps beside the messages the settings bound: classes, Netty pools,
     * threads (10 to 12 MiB with nothing in flight), a produce request or ACQUIRE answer being
     * encoded or decoded, and headroom for the sampling catching a transient peak (a draining
     * consumer on an unloaded machine once sat 0.1 MiB above the bound that a 20 MiB allowance
     * gave; the bounds stay well inside the 64 MiB heap either way).
     */
    private static final long CLIENT_FIXED = 24 * MIB;
    /** Records an ACQUIRE answer may carry per partition (the provider's {@code Acquirer}). */
    private static final long ACQUIRE_PARTITION_BYTES = MIB;
    private static final int PARTITIONS = 2;
    private static final long LEASE_MS = 10_000;
    /** CRC32 passes of the slow consumer over each body: it must fall well behind the producer. */
    private static final int SLOW_CONSUMER_WORK = 4;

    @TempDir
    Path dir;

    @Test
    void aFastProducerAndASlowConsumerStayWithinTheirMemoryBoundsAndLoseNothing() throws Exception {
        Path logs = dir.resolve("logs");
        FlowRun run = new FlowRun();
        run.messages = MESSAGES;
        run.messageSize = MESSAGE_BYTES;
        run.brokerHeap = BROKER_HEAP / MIB + "m";
        run.clientHeap = CLIENT_HEAP / MIB + "m";
        run.partitions = PARTITIONS;
        run.urlOptions = "prefetch=" + PREFETCH + "&bufferMemory=" + BUFFER_MEMORY;
        run.brokerSettings = List.of("num.io.threads=2", "num.partition.threads=2",
            // what a closed consumer still had on its way comes back when its session's lease ends
            "session.lease.timeout.ms=" + LEASE_MS);
        run.slowConsumerWork = SLOW_CONSUMER_WORK;
        run.idleSeconds = (int) (3 * LEASE_MS / 1000);
        run.timeoutMinutes = 4;
        run.workDir = dir.resolve("work");
        run.keepLogs = logs;

        FlowRun.Result result = run.run();
        for (FlowRun.Row row : result.rows()) {
            System.out.printf(Locale.ROOT, "%s: live heap peak %.1f MiB, heap used peak %.1f MiB, messages %s in %s s, exit %d%n",
                row.jvm(), row.liveHeap() / (double) MIB, row.usedHeap() / (double) MIB, row.messages(), row.seconds(),
                row.exitCode());
        }

        FlowRun.Row producer = result.row("producer");
        FlowRun.Row slow = result.row("slow-consumer");
        FlowRun.Row drain = result.row("drain-consumer");
        FlowRun.Row broker = result.row("broker");
        assertThat(producer.exitCode()).as(describe(logs, producer)).isZero();
        assertThat(producer.messages()).as("producer's result line; " + describe(logs, producer)).isNotEmpty();
        assertThat(slow.exitCode()).as(describe(logs, slow)).isZero();
        assertThat(slow.messages()).as("slow consumer's result line; " + describe(logs, slow)).isNotEmpty();
        long slowCount = Long.parseLong(slow.messages());
        assertThat(slowCount).as("the slow consumer fell behind: the drain has a backlog")
            .isLessThan(MESSAGES / 2);
        assertThat(result.exactlyOnce()).as("every message exactly once: %s", result.exactness()).isTrue();
        assertThat(drain.exitCode()).as("after the slow consumer took %d: %s", slowCount, describe(logs, drain)).isZero();
        // FlowRun fails if the broker died while a client ran; 0 here is its clean shutdown on SIGTERM at the end
        assertThat(broker.exitCode()).as(describe(logs, broker)).isZero();

        for (FlowRun.Row row : result.rows()) {
            assertThat(row.outOfMemory()).as("OutOfMemoryError in " + describe(logs, row)).isFalse();
        }
        long messageInMemory = 3L * MESSAGE_BYTES; // record bytes, decoded body, message object and headers
        // prefetched messages, plus one ACQUIRE answer per partition as records and while decoded
        long consumerBound = PREFETCH * messageInMemory + 2 * PARTITIONS * ACQUIRE_PARTITION_BYTES + CLIENT_FIXED;
        assertThat(producer.liveHeap()).as("producer live heap")
            .isPositive().isLessThan(BUFFER_MEMORY + CLIENT_FIXED + 4 * MIB);
        assertThat(slow.liveHeap()).as("slow consumer live heap")
            .isPositive().isLessThan(consumerBound);
        assertThat(drain.liveHeap()).as("draining consumer live heap")
            .isPositive().isLessThan(consumerBound);
        assertThat(broker.liveHeap()).as("broker live heap").isPositive().isLessThan(BROKER_HEAP / 2);
    }

    /** The JVM's name and the last 40 lines of its log, kept by {@link FlowRun#keepLogs}. */
    private static String describe(Path logs, FlowRun.Row row) {
        Path log = logs.resolve(row.jvm() + ".log");
        try {
            List<String> lines = Files.readAllLines(log);
            return row.jvm() + " output (last 40 lines):\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return row.jvm() + " (no log " + log + ": " + e + ")";
        }
    }
}
