package dev.partita.provider.consumer;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;
import jakarta.jms.ServerSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ServerSessionPool} as an application server builds one: a fixed set of sessions, each
 * with the same distinguished listener, run on a thread pool; {@code getServerSession} blocks while
 * all are busy, and a session goes back to the pool when its {@code run} returned. Counts the runs
 * and the most messages one run delivered, so tests see {@code maxMessages} at work.
 *
 * <p>Thread-safe.
 */
final class TestServerSessionPool implements ServerSessionPool, AutoCloseable {

    private final BlockingQueue<PooledSession> idle = new LinkedBlockingQueue<>();
    private final ExecutorService threads;
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicInteger mostPerRun = new AtomicInteger();
    private final ThreadLocal<int[]> deliveredInRun = ThreadLocal.withInitial(() -> new int[1]);

    /** {@code size} sessions of {@code connection} in {@code ackMode}, each handing its messages to {@code listener}. */
    TestServerSessionPool(Connection connection, int size, int ackMode, MessageListener listener) throws JMSException {
        threads = Executors.newFixedThreadPool(size, r -> {
            Thread thread = new Thread(r, "test-server-session");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < size; i++) {
            Session session = connection.createSession(ackMode);
            session.setMessageListener(message -> {
                deliveredInRun.get()[0]++;
                listener.onMessage(message);
            });
            PooledSession pooled = new PooledSession(session);
            idle.add(pooled);
        }
    }

    @Override
    public ServerSession getServerSession() throws JMSException {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted while waiting for a free server session");
        }
    }

    /** How many times a server session was started (and ran). */
    int runs() {
        return runs.get();
    }

    /** The most messages a single {@code Session.run} delivered. */
    int mostMessagesInOneRun() {
        return mostPerRun.get();
    }

    /** How many sessions are back in the pool. */
    int idleSessions() {
        return idle.size();
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            threads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class PooledSession implements ServerSession {
        private final Session session;

        PooledSession(Session session) {
            this.session = session;
        }

        @Override
        public Session getSession() {
            return session;
        }

        @Override
        public void start() {
            threads.execute(() -> {
                deliveredInRun.get()[0] = 0;
                try {
                    session.run();
                } finally {
                    runs.incrementAndGet();
                    mostPerRun.accumulateAndGet(deliveredInRun.get()[0], Math::max);
                    idle.add(this);
                }
            });
        }
    }
}
