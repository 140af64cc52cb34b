package dev.partita.bench.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Runs one cell through plain {@code jakarta.jms} (the only provider-specific object is the
 * {@link ConnectionFactory} it is given): one connection per producer and per consumer, sessions in
 * {@code AUTO_ACKNOWLEDGE}, {@code PERSISTENT} {@link BytesMessage}s of the configured size carrying
 * their id ({@value #ID_PROPERTY}) and send time ({@value #SENT_PROPERTY}, {@code System.nanoTime()}
 * of this JVM, where the consumers also run) as properties. Consumers (topic subscribers) are
 * created and started before the first send. Async sends keep at most {@code maxInFlight}
 * messages without their {@code onCompletion}. Not thread-safe: one cell at a time.
 */
final class JmsWorkload {

    static final String ID_PROPERTY = "benchId";
    static final String SENT_PROPERTY = "benchSentNanos";
    private static final long RECEIVE_POLL_MS = 200;

    /** Knobs of a cell that are the same for both systems. */
    record Settings(int messageSize, int maxInFlight, Duration idleTimeout, Duration cellTimeout) {
    }

    private final ConnectionFactory factory;
    private final Settings settings;
    private final byte[] payload;

    JmsWorkload(ConnectionFactory factory, Settings settings) {
        this.factory = factory;
        this.settings = settings;
        this.payload = new byte[settings.messageSize()];
        new Random(42).nextBytes(payload);
    }

    /** Runs the cell on a fresh destination; a setup or send failure becomes a failed result, never an exception. */
    JmsCellResult run(JmsSystem system, JmsScenario scenario, int round, String destinationName, int requestedMessages) {
        int perProducer = Math.max(1, requestedMessages / scenario.producers());
        int messages = perProducer * scenario.producers();
        List<Connection> connections = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        try {
            Destination destination = createDestination(connections, scenario, destinationName);
            List<SubscriptionTally> tallies = new ArrayList<>();
            ConcurrentLinkedQueue<Histogram> endToEndHistograms = new ConcurrentLinkedQueue<>();
            CountDownLatch consumersDone = new CountDownLatch(scenario.consumers());
            AtomicBoolean stop = new AtomicBoolean();
            SubscriptionTally queueTally = new SubscriptionTally(messages);
            for (int c = 0; c < scenario.consumers(); c++) {
                SubscriptionTally tally = scenario.kind() == JmsScenario.Kind.QUEUE ? queueTally : new SubscriptionTally(messages);
                if (!tallies.contains(tally)) {
                    tallies.add(tally);
                }
                Connection connection = open(connections);
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(destination);
                connection.start();
                Histogram histogram = LatencySummary.newHistogram();
                endToEndHistograms.add(histogram);
                threads.add(start("jms-bench-consumer-" + c, () -> consume(consumer, tally, histogram, stop),
                    consumersDone, error));
            }
            ConcurrentLinkedQueue<Histogram> sendHistograms = new ConcurrentLinkedQueue<>();
            AtomicLong sendErrors = new AtomicLong();
            AtomicLong lastAckNanos = new AtomicLong();
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch producersDone = new CountDownLatch(scenario.producers());
            for (int p = 0; p < scenario.producers(); p++) {
                Connection connection = open(connections);
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(destination);
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                Histogram histogram = new SynchronizedHistogram(600_000_000L, 3);
                sendHistograms.add(histogram);
                long firstId = (long) p * perProducer;
                threads.add(start("jms-bench-producer-" + p, () -> {
                    await(go);
                    produce(scenario.sendMode(), session, producer, firstId, perProducer, histogram, sendErrors);
                    lastAckNanos.accumulateAndGet(System.nanoTime(), Math::max);
                }, producersDone, error));
            }
            long startNanos = System.nanoTime();
            go.countDown();
            if (!producersDone.await(settings.cellTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return JmsCellResult.failed(system, scenario, round, "producers did not finish within " + settings.cellTimeout());
            }
            if (error.get() != null) {
                return JmsCellResult.failed(system, scenario, round, describe(error.get()));
            }
            String slow = awaitDeliveries(tallies);
            stop.set(true);
            if (slow != null) {
                return JmsCellResult.failed(system, scenario, round, slow);
            }
            consumersDone.await(settings.idleTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            if (error.get() != null) {
                return JmsCellResult.failed(system, scenario, round, describe(error.get()));
            }
            DeliveryCheck check = DeliveryCheck.NONE;
            long lastReceive = 0;
            for (SubscriptionTally tally : tallies) {
                check = check.plus(tally.check());
                lastReceive = Math.max(lastReceive, tally.lastReceiveNanos());
            }
            double endToEndSeconds = scenario.consumes() ? (lastReceive - startNanos) / 1e9 : Double.NaN;
            return new JmsCellResult(system, scenario, round, messages, (lastAckNanos.get() - startNanos) / 1e9,
                endToEndSeconds, LatencySummary.of(sendHistograms), LatencySummary.of(endToEndHistograms), check,
                sendErrors.get(), null);
        } catch (JMSException | RuntimeException e) {
            return JmsCellResult.failed(system, scenario, round, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JmsCellResult.failed(system, scenario, round, "interrupted");
        } finally {
            closeAll(connections);
            for (Thread thread : threads) {
                join(thread);
            }
        }
    }

    private Destination createDestination(List<Connection> connections, JmsScenario scenario, String name) throws JMSException {
        Connection connection = open(connections);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        return scenario.kind() == JmsScenario.Kind.QUEUE ? session.createQueue(name) : session.createTopic(name);
    }

    private Connection open(List<Connection> connections) throws JMSException {
        Connection connection = factory.createConnection();
        connections.add(connection);
        return connection;
    }

    private void produce(JmsScenario.SendMode mode, Session session, MessageProducer producer, long firstId, int count,
                         Histogram histogram, AtomicLong sendErrors) throws JMSException, InterruptedException {
        Semaphore inFlight = new Semaphore(settings.maxInFlight());
        for (int i = 0; i < count; i++) {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(payload);
            message.setLongProperty(ID_PROPERTY, firstId + i);
            long sent = System.nanoTime();
            message.setLongProperty(SENT_PROPERTY, sent);
            if (mode == JmsScenario.SendMode.SYNC) {
                producer.send(message);
                histogram.recordValue((System.nanoTime() - sent) / 1000);
            } else {
                inFlight.acquire();
                producer.send(message, new CompletionListener() {
                    @Override
                    public void onCompletion(Message m) {
                        histogram.recordValue((System.nanoTime() - sent) / 1000);
                        inFlight.release();
                    }

                    @Override
                    public void onException(Message m, Exception e) {
                        sendErrors.incrementAndGet();
                        inFlight.release();
                    }
                });
            }
        }
        if (!inFlight.tryAcquire(settings.maxInFlight(), settings.cellTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("async sends not completed within " + settings.cellTimeout());
        }
    }

    private static void consume(MessageConsumer consumer, SubscriptionTally tally, Histogram histogram,
                                AtomicBoolean stop) throws JMSException {
        while (!stop.get() && !tally.complete()) {
            Message message = consumer.receive(RECEIVE_POLL_MS);
            if (message == null) {
                continue;
            }
            long now = System.nanoTime();
            long id = -1;
            try {
                id = message.getLongProperty(ID_PROPERTY);
                histogram.recordValue(Math.max(0, (now - message.getLongProperty(SENT_PROPERTY)) / 1000));
            } catch (NumberFormatException | JMSException e) {
                // a message without the benchmark's properties: counted as unknown
            }
            tally.record(id, now);
        }
    }

    /**
     * Waits until every subscription has every id, or nothing arrived for the idle timeout (what is
     * missing then counts as lost). Returns why the cell cannot be measured when consumers still
     * trickle along after the cell timeout, else null.
     */
    private String awaitDeliveries(List<SubscriptionTally> tallies) throws InterruptedException {
        long lastTotal = -1;
        long lastProgress = System.nanoTime();
        long deadline = lastProgress + settings.cellTimeout().toNanos();
        while (true) {
            boolean complete = true;
            long total = 0;
            for (SubscriptionTally tally : tallies) {
                complete &= tally.complete();
                total += tally.check().received();
            }
            if (complete) {
                return null;
            }
            if (System.nanoTime() > deadline) {
                long expected = 0;
                for (SubscriptionTally tally : tallies) {
                    expected += tally.check().expected();
                }
                return "consumers had received " + total + " of " + expected + " copies " + settings.cellTimeout()
                    + " after the last send was acknowledged, still receiving";
            }
            if (total != lastTotal) {
                lastTotal = total;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > settings.idleTimeout().toNanos()) {
                return null;
            }
            Thread.sleep(10);
        }
    }

    /** A body that may throw; its first failure is kept for the cell's result. */
    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private static Thread start(String name, Body body, CountDownLatch done, AtomicReference<Throwable> error) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                error.compareAndSet(null, t);
            } finally {
                done.countDown();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        latch.await();
    }

    private static void closeAll(List<Connection> connections) {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                System.err.println("closing a benchmark connection failed: " + e);
            }
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Throwable t) {
        String message = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return message.replace('\n', ' ');
    }
}
