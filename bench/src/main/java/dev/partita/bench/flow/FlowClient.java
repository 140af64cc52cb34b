package dev.partita.bench.flow;

import dev.partita.provider.PartitaConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;

/**
 * A plain JMS client JVM of {@link FlowRun}; prints {@link HeapSampler} lines, progress, and one
 * result line ({@code PRODUCED <n> <ms>} or {@code CONSUMED <n> <ms>}); exits 0 only if it did
 * what it was asked.
 *
 * <ul>
 *   <li>{@code produce URL QUEUE COUNT SIZE}: COUNT {@code PERSISTENT} bytes messages of SIZE bytes
 *       (int property {@code id}), sent asynchronously with a {@code CompletionListener} as fast as
 *       {@code send} returns; waits for every completion.</li>
 *   <li>{@code slow URL QUEUE IDS_FILE STOP_FILE [WORK]}: an {@code AUTO_ACKNOWLEDGE} consumer computing a
 *       CRC32 of each body WORK times (default 1), until STOP_FILE exists.</li>
 *   <li>{@code drain URL QUEUE IDS_FILE EXPECTED IDLE_MS}: a {@code CLIENT_ACKNOWLEDGE} consumer
 *       acknowledging every 500 messages, until EXPECTED arrived or none came for IDLE_MS.</li>
 * </ul>
 * Consumers write the id of every message they receive to IDS_FILE (big-endian ints).
 */
public final class FlowClient {

    static final String PRODUCED = "PRODUCED ";
    static final String CONSUMED = "CONSUMED ";
    private static final int ACK_EVERY = 500;

    private FlowClient() {
    }

    public static void main(String[] args) throws Exception {
        HeapSampler heap = HeapSampler.start(System.out);
        boolean ok = switch (args[0]) {
            case "produce" -> produce(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "slow" -> slow(args[1], args[2], Path.of(args[3]), Path.of(args[4]),
                args.length > 5 ? Integer.parseInt(args[5]) : 1);
            case "drain" -> drain(args[1], args[2], Path.of(args[3]), Long.parseLong(args[4]), Long.parseLong(args[5]));
            default -> throw new IllegalArgumentException("unknown role " + args[0]);
        };
        heap.report();
        System.exit(ok ? 0 : 1);
    }

    private static boolean produce(String url, String queue, int count, int size) throws JMSException, InterruptedException {
        CountDownLatch completed = new CountDownLatch(count);
        AtomicReference<Exception> failure = new AtomicReference<>();
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                completed.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                failure.compareAndSet(null, exception);
                completed.countDown();
            }
        };
        long start = System.nanoTime();
        try (Connection connection = new PartitaConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            byte[] body = new byte[size];
            for (int i = 0; i < count && failure.get() == null; i++) {
                body[i % size] = (byte) i;
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                message.setIntProperty("id", i);
                producer.send(message, listener);
                if ((i + 1) % 100_000 == 0) {
                    System.out.println("SENT " + (i + 1) + " completed " + (count - completed.getCount()));
                }
            }
            completed.await(30, TimeUnit.MINUTES);
        }
        if (failure.get() != null) {
            System.out.println("FAILED " + failure.get());
            return false;
        }
        long done = count - completed.getCount();
        System.out.println(PRODUCED + done + " " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return done == count;
    }

    private static boolean slow(String url, String queue, Path idsFile, Path stopFile, int work) throws Exception {
        long start = System.nanoTime();
        long received = 0;
        CRC32 crc = new CRC32();
        try (DataOutputStream ids = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(idsFile)));
             Connection connection = new PartitaConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            while (!Files.exists(stopFile)) {
                Message message = consumer.receive(200);
                if (message != null) {
                    byte[] body = message.getBody(byte[].class);
                    for (int i = 0; i < work; i++) {
                        crc.update(body);
                    }
                    ids.writeInt(message.getIntProperty("id"));
                    received++;
                }
            }
        }
        System.out.println(CONSUMED + received + " " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
            + " crc " + crc.getValue());
        return true;
    }

    private static boolean drain(String url, String queue, Path idsFile, long expected, long idleMs) throws Exception {
        long start = System.nanoTime();
        long received = 0;
        try (DataOutputStream ids = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(idsFile)));
             Connection connection = new PartitaConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            Message last = null;
            while (received < expected) {
                Message message = consumer.receive(idleMs);
                if (message == null) {
                    break;
                }
                ids.writeInt(message.getIntProperty("id"));
                received++;
                last = message;
                if (received % ACK_EVERY == 0) {
                    message.acknowledge();
                }
                if (received % 100_000 == 0) {
                    System.out.println("RECEIVED " + received);
                }
            }
            if (last != null) {
                last.acknowledge();
            }
        }
        System.out.println(CONSUMED + received + " " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return received == expected;
    }
}
