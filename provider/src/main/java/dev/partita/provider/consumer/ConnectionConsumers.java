package dev.partita.provider.consumer;

import dev.partita.client.PartitaClient;
import dev.partita.client.network.BrokerEndpoint;
import dev.partita.client.subscription.SubscriptionClient;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SessionHeartbeatRequest;
import dev.partita.provider.connection.PartitaConnection;
import dev.partita.provider.session.AckMode;
import dev.partita.provider.session.PartitaSession;
import jakarta.jms.JMSException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of one connection: its logical id (which the broker's leases and private
 * subscriptions are keyed by), consumer ids, the sessions' {@link SessionDelivery}s, the
 * heartbeats that keep their leases (one SESSION_HEARTBEAT per broker the connection acquired
 * from, every third of the lease the broker announced), and the timer thread
 * ({@code partita-jms-consumers-N}) of retries, heartbeats and batched {@code DUPS_OK} acks.
 *
 * <p>Thread-safe.
 */
public final class ConnectionConsumers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConnectionConsumers.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final long FIRST_HEARTBEAT_INTERVAL_MS = 1_000;
    private static final long DUPS_OK_FLUSH_INTERVAL_MS = 100;

    private final PartitaConnection connection;
    private final SubscriptionClient client;
    private final String user;
    private final String password;
    private PartitaClient acquireClient; // guarded by this; created with the first consumer
    private SubscriptionClient acquireCalls; // guarded by this
    private final UUID connectionId;
    private final AtomicLong consumerIds = new AtomicLong();
    private final List<SessionDelivery> sessions = new CopyOnWriteArrayList<>();
    private final List<PartitaConnectionConsumer> connectionConsumers = new CopyOnWriteArrayList<>();
    private final Set<BrokerEndpoint> leaseBrokers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private volatile long heartbeatIntervalMs = FIRST_HEARTBEAT_INTERVAL_MS;
    private volatile boolean closed;

    public ConnectionConsumers(PartitaConnection connection, PartitaClient client, String user, String password) {
        this.connection = connection;
        this.client = SubscriptionClient.of(client);
        this.user = user;
        this.password = password;
        this.connectionId = UUID.fromString(connection.connectionId());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "partita-jms-consumers-" + THREADS.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        timer.schedule(this::heartbeat, heartbeatIntervalMs, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::flushBatchedAcks, DUPS_OK_FLUSH_INTERVAL_MS, DUPS_OK_FLUSH_INTERVAL_MS,
                TimeUnit.MILLISECONDS);
    }

    /** The receiving side of a new session. */
    public SessionDelivery newSession(PartitaSession session, AckMode mode) {
        SessionDelivery delivery = new SessionDelivery(this, session, mode);
        sessions.add(delivery);
        return delivery;
    }

    void sessionClosed(SessionDelivery session) {
        sessions.remove(session);
    }

    PartitaConnection connection() {
        return connection;
    }

    void connectionConsumerOpened(PartitaConnectionConsumer consumer) {
        connectionConsumers.add(consumer);
    }

    void connectionConsumerClosed(PartitaConnectionConsumer consumer) {
        connectionConsumers.remove(consumer);
    }

    /**
     * Closes the connection's connection consumers (their undelivered messages are released); the
     * connection's {@code close} calls it before closing the sessions, which are the server sessions.
     */
    public void closeConnectionConsumers() {
        connectionConsumers.forEach(PartitaConnectionConsumer::closeQuietly);
    }

    SubscriptionClient client() {
        return client;
    }

    /**
     * The calls ACQUIRE long polls go through: a client of their own (own TCP connections,
     * authenticated as the connection), because a broker answers a connection's requests in order
     * and a parked long poll would hold back the acknowledgements {@code AUTO_ACKNOWLEDGE} waits for.
     */
    synchronized SubscriptionClient acquireCalls() {
        if (acquireCalls == null) {
            acquireClient = PartitaClient.create(connection.options().clientConfig("partita-jms-acquire", user, password));
            acquireCalls = SubscriptionClient.of(acquireClient);
        }
        return acquireCalls;
    }

    UUID connectionId() {
        return connectionId;
    }

    long nextConsumerId() {
        return consumerIds.incrementAndGet();
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** The connection must heartbeat {@code broker} from now on: it holds acquisitions there. */
    public void leaseHeldAt(BrokerEndpoint broker) {
        leaseBrokers.add(broker);
    }

    /** {@code start()} or {@code stop()} was called: delivery may resume or must pause. */
    public void startedChanged() {
        sessions.forEach(SessionDelivery::wakeUp);
    }

    /** Whether the calling thread is the delivery thread of one of this connection's sessions. */
    public boolean inDeliveryThread() {
        return sessions.stream().anyMatch(SessionDelivery::isDeliveryThread);
    }

    /** Tells the connection's exception listener (on its own thread). */
    void report(JMSException problem) {
        connection.reportException(problem);
    }

    private void heartbeat() {
        if (closed) {
            return;
        }
        List<UUID> ids = sessions.stream().map(SessionDelivery::sessionId).toList();
        for (BrokerEndpoint broker : leaseBrokers) {
            client.heartbeat(broker, new SessionHeartbeatRequest(connectionId, ids)).whenComplete((response, failure) -> {
                if (failure != null) {
                    log.debug("heartbeat to {} failed: {}", broker, failure.toString());
                    return;
                }
                if (response.error() != Errors.NONE) {
                    log.debug("heartbeat to {} answered {}", broker, response.error());
                    return;
                }
                if (response.leaseTimeoutMs() > 0) {
                    heartbeatIntervalMs = Math.max(50, response.leaseTimeoutMs() / 3);
                }
                for (UUID expired : response.expiredSessionIds()) {
                    sessions.stream().filter(s -> s.sessionId().equals(expired)).forEach(SessionDelivery::leaseExpired);
                }
            });
        }
        try {
            timer.schedule(this::heartbeat, heartbeatIntervalMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void flushBatchedAcks() {
        sessions.forEach(SessionDelivery::flushBatchedAcks);
    }

    /** Stops heartbeats and the timer; the sessions were closed before. Idempotent. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        PartitaClient acquiring;
        synchronized (this) {
            acquiring = acquireClient;
        }
        if (acquiring != null) {
            acquiring.close();
        }
    }
}
