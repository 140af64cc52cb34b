package dev.partita.provider.consumer;

import dev.partita.provider.connection.PartitaConnection;
import dev.partita.provider.session.PartitaSession;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.ServerSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection consumer (application server facilities): reads a destination or subscription
 * through a consumer of a session of its own (which acquires the messages and keeps its prefetch
 * full), and on its dispatcher thread ({@code partita-jms-connection-consumer-N}) repeatedly takes
 * a {@link ServerSession} from the pool, loads up to {@code maxMessages} prefetched messages into
 * its session and calls {@link ServerSession#start()}; the application server then calls
 * {@code Session.run()}, which hands them to the session's distinguished listener
 * ({@link SessionDelivery#runLoaded}) and acknowledges them as that session's mode says. The
 * acknowledgements go through the session that acquired them (this consumer's), since the broker
 * holds acquisitions per session.
 *
 * <p>Nothing is loaded while the connection is stopped. Closing stops the dispatcher, takes back
 * the messages loaded into server sessions that did not run yet and releases them with the
 * prefetch (delivery count unchanged), waits for listeners running one of its messages, then
 * closes its session. Messages a server session delivered in {@code CLIENT_ACKNOWLEDGE} mode
 * should be acknowledged before: afterwards the acknowledgement fails and they come again.
 *
 * <p>Thread-safe.
 */
public final class PartitaConnectionConsumer implements ConnectionConsumer {

    private static final Logger log = LoggerFactory.getLogger(PartitaConnectionConsumer.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final long FAILURE_BACKOFF_MS = 200;

    /** Opens the consumer the connection consumer reads through, in the session given. */
    @FunctionalInterface
    public interface ConsumerOpener {
        PartitaMessageConsumer open(SessionDelivery session) throws JMSException;
    }

    private final PartitaConnection connection;
    private final ServerSessionPool pool;
    private final int maxMessages;
    private final PartitaSession session;
    private final PartitaMessageConsumer consumer;
    private final Set<SessionDelivery> loadedInto = ConcurrentHashMap.newKeySet();
    private final Thread dispatcher;
    private volatile boolean closed;

    private PartitaConnectionConsumer(PartitaConnection connection, ServerSessionPool pool, int maxMessages,
                                      PartitaSession session, PartitaMessageConsumer consumer) {
        this.connection = connection;
        this.pool = pool;
        this.maxMessages = maxMessages;
        this.session = session;
        this.consumer = consumer;
        this.dispatcher = new Thread(this::dispatch, "partita-jms-connection-consumer-" + THREADS.getAndIncrement());
        this.dispatcher.setDaemon(true);
    }

    /**
     * Creates a connection consumer of {@code connection}: a session of its own, the consumer
     * {@code opener} makes in it (a queue's subscription, a private, durable or shared one), and the
     * dispatcher thread.
     *
     * @throws JMSException for a null pool or {@code maxMessages} below 1, and what creating the
     *         consumer throws ({@code InvalidDestinationException}, {@code InvalidSelectorException},
     *         {@code IllegalStateException} for a durable subscription without client ID or in use)
     */
    public static PartitaConnectionConsumer open(PartitaConnection connection, ServerSessionPool pool, int maxMessages,
                                                 ConsumerOpener opener) throws JMSException {
        connection.checkClosed();
        if (pool == null) {
            throw new JMSException("a connection consumer needs a ServerSessionPool, not null");
        }
        if (maxMessages < 1) {
            throw new JMSException("maxMessages of a connection consumer must be at least 1, not " + maxMessages);
        }
        PartitaSession session = (PartitaSession) connection.createSession(Session.AUTO_ACKNOWLEDGE);
        PartitaMessageConsumer consumer;
        try {
            consumer = opener.open(session.delivery());
        } catch (JMSException | RuntimeException e) {
            session.close();
            throw e;
        }
        PartitaConnectionConsumer connectionConsumer = new PartitaConnectionConsumer(connection, pool, maxMessages,
                session, consumer);
        connection.consumers().connectionConsumerOpened(connectionConsumer);
        connectionConsumer.dispatcher.start();
        return connectionConsumer;
    }

    @Override
    public ServerSessionPool getServerSessionPool() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the connection consumer is closed");
        }
        connection.checkClosed();
        return pool;
    }

    // ---------------------------------------------------------------- dispatching

    private void dispatch() {
        SessionDelivery source = session.delivery();
        while (!closed) {
            if (!source.awaitPrefetched(consumer)) {
                continue; // closed (the loop ends) or interrupted by close
            }
            try {
                ServerSession serverSession = pool.getServerSession();
                loadAndStart(serverSession, source);
            } catch (JMSException | RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("connection consumer on {}: {}", consumer.destination(), e.toString());
                connection.reportException(e instanceof JMSException jms ? jms
                        : wrap("the ServerSessionPool or ServerSession failed", e));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(FAILURE_BACKOFF_MS)); // no busy loop on a failing pool
            }
        }
    }

    /** Loads what is prefetched now (up to maxMessages) into the server session's session and starts it. */
    private void loadAndStart(ServerSession serverSession, SessionDelivery source) throws JMSException {
        Session target = serverSession.getSession();
        if (!(target instanceof PartitaSession partitaSession)) {
            throw new JMSException("the ServerSession's session is not a Partita session of this provider: "
                    + (target == null ? "null" : target.getClass().getName()));
        }
        SessionDelivery into = partitaSession.delivery();
        List<Delivery> batch = source.takeBatch(consumer, maxMessages); // empty when stopped meanwhile
        if (closed || !into.load(batch)) {
            source.releaseQuietly(batch);
            batch = List.of();
        } else if (!batch.isEmpty()) {
            loadedInto.add(into);
        }
        consumer.acquirer().pump();
        try {
            serverSession.start(); // even with nothing loaded: its run returns at once and the pool gets it back
        } catch (JMSException | RuntimeException e) {
            source.releaseQuietly(into.unload(consumer));
            throw e;
        }
    }

    private static JMSException wrap(String what, Exception cause) {
        JMSException error = new JMSException(what + ": " + cause);
        error.setLinkedException(cause);
        error.initCause(cause);
        return error;
    }

    // ---------------------------------------------------------------- close

    /**
     * Stops dispatching, releases what was loaded into server sessions and not run yet, and what was
     * prefetched, waits for server-session listeners running one of its messages, and closes the
     * subscription's consumer (a durable subscription becomes inactive). Idempotent.
     */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        closed = true;
        session.delivery().wakeUp();
        dispatcher.interrupt();
        if (dispatcher != Thread.currentThread()) {
            try {
                dispatcher.join(connection.options().requestTimeoutMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Delivery> notRun = new ArrayList<>();
        for (SessionDelivery into : loadedInto) {
            notRun.addAll(into.unload(consumer));
        }
        try {
            if (!notRun.isEmpty()) {
                session.delivery().await(session.delivery().changes().release(List.of(), notRun),
                        "release of the messages loaded into server sessions");
            }
        } finally {
            loadedInto.forEach(SessionDelivery::awaitListenerIdle); // their AUTO acks go through our session
            connection.consumers().connectionConsumerClosed(this);
            try {
                consumer.close();
            } finally {
                session.close();
            }
        }
    }

    /** Closes as part of the connection's close; problems are logged. */
    void closeQuietly() {
        try {
            close();
        } catch (JMSException e) {
            log.warn("closing the connection consumer on {}: {}", consumer.destination(), e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "PartitaConnectionConsumer(" + consumer + ", maxMessages " + maxMessages + (closed ? ", closed" : "") + ")";
    }
}
