package dev.partita.provider.flow;

import dev.partita.provider.PartitaConnectionFactory;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;

/**
 * A plain JMS client in a child JVM with a small heap, for {@link FlowControlIT} and the flow
 * control benchmark. Every role prints {@link HeapReporter} lines, progress lines and one result
 * line, and exits 0 only if it did all it was asked:
 *
 * <ul>
 *   <li>{@code produce URL QUEUE COUNT SIZE}: sends COUNT {@code PERSISTENT} bytes messages of SIZE
 *       bytes (int property {@code id} = 0..COUNT-1) asynchronously, as fast as sends return, with a
 *       {@code CompletionListener}; waits for every completion; prints {@code PRODUCED <n> <ms>}.</li>
 *   <li>{@code slow URL QUEUE IDS_FILE WORK}: an {@code AUTO_ACKNOWLEDGE} consumer that computes
 *       a CRC32 over each body WORK times, until standard input says {@code stop} (or ends);
 *       prints {@code CONSUMED <n> <ms>}.</li>
 *   <li>{@code drain URL QUEUE IDS_FILE EXPECTED IDLE_MS}: a {@code CLIENT_ACKNOWLEDGE} consumer
 *       acknowledging every 500 messages, until EXPECTED messages arrived or none came for
 *       IDLE_MS; prints {@code CONSUMED <n> <ms>}.</li>
 * </ul>
 *
 * Consumers append the id of each message they received to IDS_FILE (big-endian ints).
 */
public final class FlowClientMain {

    static final String PRODUCED = "PRODUCED ";
    static final String CONSUMED = "CONSUMED ";
    static final String STOP = "stop";
    private static final int ACK_EVERY = 500;

    private FlowClientMain() {
    }

    public static void main(String[] args) throws Exception {
        HeapReporter heap = HeapReporter.start(System.out);
        boolean ok;
        switch (args[0]) {
            case "produce" -> ok = produce(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), System.out);
            case "slow" -> ok = slow(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4]), System.out);
            case "drain" -> ok = drain(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4]),
                    Long.parseLong(args[5]), System.out);
            default -> throw new IllegalArgumentException("unknown role " + args[0]);
        }
        heap.report();
        System.exit(ok ? 0 : 1);
    }

    private static boolean produce(String url, String queueName, int count, int size, PrintStream out)
            throws JMSException, InterruptedException {
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
            Queue queue = session.createQueue(queueName);
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < count && failure.get() == null; i++) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body(i, size));
                message.setIntProperty("id", i);
                producer.send(message, listener); // blocks once the connection's buffer memory is full
                if ((i + 1) % 10_000 == 0) {
                    out.println("SENT " + (i + 1) + " completed " + (count - completed.getCount()));
                }
            }
            completed.await(5, TimeUnit.MINUTES);
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (failure.get() != null) {
            out.println("FAILED " + failure.get());
            failure.get().printStackTrace(out);
            return false;
        }
        long done = count - completed.getCount();
        out.println(PRODUCED + done + " " + ms);
        return done == count;
    }

    private static byte[] body(int id, int size) {
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) (id * 31 + i);
        }
        return body;
    }

    private static boolean slow(String url, String queueName, Path idsFile, int work, PrintStream out) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Thread stdin = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null && !line.trim().equals(STOP)) {
                    // wait for the parent's word
                }
            } catch (IOException e) {
                // the parent went away: stop as well
            }
            stop.set(true);
        }, "stdin");
        stdin.setDaemon(true);
        stdin.start();
        long start = System.nanoTime();
        long received = 0;
        CRC32 crc = new CRC32();
        try (DataOutputStream ids = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(idsFile)));
             Connection connection = new PartitaConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
            connection.start();
            while (!stop.get()) {
                Message message = consumer.receive(200);
                if (message == null) {
                    continue;
                }
                byte[] body = message.getBody(byte[].class);
                for (int i = 0; i < work; i++) {
                    crc.update(body);
                }
                ids.writeInt(message.getIntProperty("id"));
                received++;
                if (received % 5_000 == 0) {
                    out.println("RECEIVED " + received + " crc " + crc.getValue());
                }
            }
        }
        out.println(CONSUMED + received + " " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return true;
    }

    private static boolean drain(String url, String queueName, Path idsFile, int expected, long idleMs, PrintStream out)
            throws Exception {
        long start = System.nanoTime();
        long received = 0;
        try (DataOutputStream ids = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(idsFile)));
             Connection connection = new PartitaConnectionFactory(url).createConnection()) {
            Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queueName));
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
                if (received % 10_000 == 0) {
                    out.println("RECEIVED " + received);
                }
            }
            if (last != null) {
                last.acknowledge();
            }
        }
        out.println(CONSUMED + received + " " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return received == expected;
    }
}
