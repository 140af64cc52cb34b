package dev.partita.provider.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow control under small heaps (issue 3): a broker in a child JVM with {@code -Xmx128m} and plain
 * JMS clients in child JVMs with {@code -Xmx64m}. A producer sends {@value #MESSAGES}
 * {@code PERSISTENT} messages of {@value #MESSAGE_BYTES} bytes asynchronously, as fast as
 * {@code send} returns, while a slow {@code AUTO_ACKNOWLEDGE} consumer falls behind; then a
 * {@code CLIENT_ACKNOWLEDGE} consumer drains the backlog. Every message must arrive exactly once,
 * no JVM may run out of memory ({@code -XX:+ExitOnOutOfMemoryError} turns any
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
 * <p>The heap is measured in each child by {@link HeapReporter} (live set after a forced full
 * collection, every 500 ms). Measured on a loaded 2-core machine: producer about 42 MiB of 64,
 * consumers 15 MiB, broker 25 to 30 MiB of 128 (with 1,000,000 messages, bench {@code FlowRun}:
 * producer 54, drain 25, broker 33: more samples catch more transient peaks); before asynchronous
 * sends counted their message objects the producer held 60 MiB of its 64, above its bound.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class FlowControlIT {

    static final int MESSAGES = 100_000;
    static final int MESSAGE_BYTES = 1024;
    private static final long MIB = 1024 * 1024;
    private static final Pattern LISTENING = Pattern.compile("listening on [^:\\s]+:(\\d+)");

    private static final long BROKER_HEAP = 128 * MIB;
    private static final long CLIENT_HEAP = 64 * MIB;

    /** The settings under test, as the URL gives them (the defaults, written out so the bounds below follow from them). */
    private static final int PREFETCH = 1000;
    private static final long BUFFER_MEMORY = 32 * MIB;

    /**
     * What a JMS client JVM keeps beside the messages the settings bound: classes, Netty pools,
     * threads (10 to 12 MiB with nothing in flight), a produce request or ACQUIRE answer being
     * encoded or decoded, and headroom for the sampling catching a transient peak.
     */
    private static final long CLIENT_FIXED = 20 * MIB;
    /** Records an ACQUIRE answer may carry per partition (the provider's {@code Acquirer}). */
    private static final long ACQUIRE_PARTITION_BYTES = MIB;
    private static final int PARTITIONS = 2;
    private static final long LEASE_MS = 10_000;

    @TempDir
    Path dir;

    @Test
    void aFastProducerAndASlowConsumerStayWithinTheirMemoryBoundsAndLoseNothing() throws Exception {
        List<ChildProcess> children = new ArrayList<>();
        try {
            ChildProcess broker = ChildProcess.start("broker", jvm(BROKER_HEAP), FlowBrokerMain.class,
                    List.of("server", "--host", "127.0.0.1", "--port", "0", "--zookeeper-port", "0",
                            "--data-dir", dir.resolve("data").toString(),
                            "--set", "num.io.threads=2", "--set", "num.partition.threads=2", "--set", "num.partitions=" + PARTITIONS,
                            // what a closed consumer still had on its way comes back when its session's lease ends
                            "--set", "session.lease.timeout.ms=" + LEASE_MS),
                    dir);
            children.add(broker);
            int port = awaitPort(broker);
            String url = "partita://127.0.0.1:" + port + "?prefetch=" + PREFETCH + "&bufferMemory=" + BUFFER_MEMORY;
            String queue = "flow";

            Path slowIds = dir.resolve("slow.ids");
            Path drainIds = dir.resolve("drain.ids");
            ChildProcess slow = ChildProcess.start("slow-consumer", jvm(CLIENT_HEAP), FlowClientMain.class,
                    List.of("slow", url, queue, slowIds.toString(), "4"), dir);
            children.add(slow);
            ChildProcess producer = ChildProcess.start("producer", jvm(CLIENT_HEAP), FlowClientMain.class,
                    List.of("produce", url, queue, Integer.toString(MESSAGES), Integer.toString(MESSAGE_BYTES)), dir);
            children.add(producer);

            assertThat(producer.awaitExit(Duration.ofMinutes(4))).as(describe(producer)).isZero();
            assertThat(producer.lineAfter(FlowClientMain.PRODUCED)).as(describe(producer)).isPresent();
            slow.tell(FlowClientMain.STOP);
            assertThat(slow.awaitExit(Duration.ofMinutes(1))).as(describe(slow)).isZero();
            long slowCount = count(slow);
            assertThat(slowCount).as("the slow consumer fell behind: the drain has a backlog")
                    .isLessThan(MESSAGES / 2);

            ChildProcess drain = ChildProcess.start("drain-consumer", jvm(CLIENT_HEAP), FlowClientMain.class,
                    List.of("drain", url, queue, drainIds.toString(), Long.toString(MESSAGES - slowCount),
                            Long.toString(3 * LEASE_MS)), dir);
            children.add(drain);
            int drainExit = drain.awaitExit(Duration.ofMinutes(4));
            assertExactlyOnce(slowIds, drainIds);
            assertThat(drainExit).as("after the slow consumer took %d: %s", slowCount, describe(drain)).isZero();
            assertThat(broker.isAlive()).as(describe(broker)).isTrue();
            assertThat(broker.terminate(Duration.ofMinutes(1))).as(describe(broker)).isZero();

            for (ChildProcess child : children) {
                assertThat(child.output()).as(describe(child)).noneMatch(line -> line.contains("OutOfMemoryError"));
            }
            long messageInMemory = 3L * MESSAGE_BYTES; // record bytes, decoded body, message object and headers
            // prefetched messages, plus one ACQUIRE answer per partition as records and while decoded
            long consumerBound = PREFETCH * messageInMemory + 2 * PARTITIONS * ACQUIRE_PARTITION_BYTES + CLIENT_FIXED;
            assertThat(producer.peakLiveHeap()).as("producer live heap")
                    .isPositive().isLessThan(BUFFER_MEMORY + CLIENT_FIXED + 4 * MIB);
            assertThat(slow.peakLiveHeap()).as("slow consumer live heap")
                    .isPositive().isLessThan(consumerBound);
            assertThat(drain.peakLiveHeap()).as("draining consumer live heap")
                    .isPositive().isLessThan(consumerBound);
            assertThat(broker.peakLiveHeap()).as("broker live heap").isPositive().isLessThan(BROKER_HEAP / 2);
        } finally {
            for (ChildProcess child : children) {
                child.close();
                System.out.printf("%s: live heap peak %.1f MiB, heap used peak %.1f MiB; %s%n", child.name(),
                        child.peakLiveHeap() / (double) MIB, child.peakHeapUsed() / (double) MIB,
                        child.output().stream().filter(l -> l.startsWith("PRODUCED") || l.startsWith("CONSUMED")).toList());
            }
        }
    }

    private static List<String> jvm(long heap) {
        return List.of("-Xmx" + heap / MIB + "m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    }

    private static int awaitPort(ChildProcess broker) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .failFast(describe(broker), () -> !broker.isAlive())
                .until(() -> port(broker), p -> p > 0);
    }

    private static int port(ChildProcess broker) {
        for (String line : broker.output()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 0;
    }

    private static long count(ChildProcess consumer) {
        String line = consumer.lineAfter(FlowClientMain.CONSUMED).orElseThrow(() -> new AssertionError(describe(consumer)));
        return Long.parseLong(line.split(" ")[0]);
    }

    private static void assertExactlyOnce(Path... idFiles) throws IOException {
        int[] seen = new int[MESSAGES];
        List<String> problems = new ArrayList<>();
        for (Path file : idFiles) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                while (true) {
                    int id;
                    try {
                        id = in.readInt();
                    } catch (EOFException end) {
                        break;
                    }
                    if (id < 0 || id >= MESSAGES) {
                        problems.add("unknown id " + id);
                    } else {
                        seen[id]++;
                    }
                }
            }
        }
        for (int id = 0; id < MESSAGES && problems.size() < 20; id++) {
            if (seen[id] != 1) {
                problems.add("id " + id + " received " + seen[id] + " times");
            }
        }
        assertThat(problems).as("every message exactly once").isEmpty();
    }

    private static String describe(ChildProcess child) {
        List<String> out = child.output();
        return child.name() + " output (last 40 lines):\n" + String.join("\n", out.subList(Math.max(0, out.size() - 40), out.size()));
    }
}
