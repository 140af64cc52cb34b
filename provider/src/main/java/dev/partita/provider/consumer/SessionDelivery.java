package dev.partita.provider.consumer;

import dev.partita.provider.session.AckMode;
import dev.partita.provider.session.PartitaSession;
import dev.partita.provider.util.JmsExceptions;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving side of one session: its logical id (acquisitions belong to it), what it handed to
 * the application and has not acknowledged, and the acknowledgement mode's rules:
 * <ul>
 *   <li>{@code AUTO_ACKNOWLEDGE}: the ack of a message is confirmed before the next one is handed
 *       over ({@code blockOnAcknowledge=false}: sent without waiting);</li>
 *   <li>{@code CLIENT_ACKNOWLEDGE}: {@code acknowledge()} acks everything the session delivered,
 *       across its consumers and partitions, and waits for every leader to confirm;</li>
 *   <li>{@code DUPS_OK_ACKNOWLEDGE}: acks are batched (sent every {@value #DUPS_OK_BATCH} messages,
 *       when the prefetch runs dry, and by the connection's timer).</li>
 * </ul>
 * {@code recover()} releases what was delivered (delivery count + 1) and what was prefetched
 * (unchanged) in one go per leader, so the next delivery is the oldest unacknowledged message.
 *
 * <p>Listeners run on one delivery thread per session ({@code partita-jms-session-N}), started
 * with the first listener: serial delivery, as the spec requires. Expired messages are never
 * handed over: they are acknowledged instead.
 *
 * <p>Thread-safe: the session lock guards the consumers' prefetch buffers and the delivered list;
 * {@code listenerRunning} is held while a listener runs, so closing waits for it.
 */
public final class SessionDelivery {

    private static final Logger log = LoggerFactory.getLogger(SessionDelivery.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    static final int DUPS_OK_BATCH = 100;

    private final ConnectionConsumers connection;
    private final PartitaSession session;
    private final AckMode mode;
    private final UUID sessionId = UUID.randomUUID();
    private final StateChanges changes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ReentrantLock listenerRunning = new ReentrantLock();
    private final List<PartitaMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<Delivery> delivered = new ArrayList<>(); // guarded by lock
    private final List<Delivery> batchedAcks = new ArrayList<>(); // guarded by lock
    private final AtomicLong sequence = new AtomicLong();
    private final List<Delivery> loaded = new ArrayList<>(); // guarded by lock: put here by a connection consumer
    private Thread deliveryThread; // guarded by lock
    private volatile MessageListener sessionListener; // the distinguished listener of Session.run
    private volatile Thread runThread; // the thread in Session.run, if any
    private int listenerCursor; // guarded by lock
    private volatile boolean leaseLost;
    private volatile boolean closed;

    SessionDelivery(ConnectionConsumers connection, PartitaSession session, AckMode mode) {
        this.connection = connection;
        this.session = session;
        this.mode = mode;
        this.changes = new StateChanges(connection.client(), sessionId, connection.timer(),
                connection.connection().options().reconnectTimeoutMs());
    }

    UUID sessionId() { return sessionId; }
    ConnectionConsumers connection() { return connection; }
    PartitaSession session() { return session; }
    StateChanges changes() { return changes; }
    AckMode mode() { return mode; }
    ReentrantLock lock() { return lock; }
    long nextSequence() { return sequence.getAndIncrement(); }

    void register(PartitaMessageConsumer consumer) {
        consumers.add(consumer);
    }

    void unregister(PartitaMessageConsumer consumer) {
        consumers.remove(consumer);
        wakeUp();
    }

    /** Something changed (messages arrived, start, close): waiters look again. */
    void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isDeliveryThread() {
        lock.lock();
        try {
            return deliveryThread == Thread.currentThread() || runThread == Thread.currentThread();
        } finally {
            lock.unlock();
        }
    }

    private boolean started() {
        return connection.connection().isStarted();
    }

    // ---------------------------------------------------------------- synchronous receive

    /**
     * The next message of {@code consumer} for {@code receive}: waits up to {@code timeoutMs}
     * (0 = do not wait, negative = until one comes or the consumer closes) while the connection
     * is stopped or nothing is prefetched. Null when none came or the consumer closed.
     */
    Delivery take(PartitaMessageConsumer consumer, long timeoutMs) throws JMSException {
        long deadline = timeoutMs > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs) : 0;
        List<Delivery> expired = new ArrayList<>();
        lock.lock();
        try {
            while (true) {
                consumer.checkFailure();
                if (consumer.isClosed() || closed) {
                    return null;
                }
                if (started()) {
                    Delivery next = pollUnexpired(consumer, expired);
                    if (next != null) {
                        handOver(next);
                        return next;
                    }
                }
                if (timeoutMs == 0) {
                    return null;
                }
                if (timeoutMs < 0) {
                    changed.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    changed.awaitNanos(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            lock.unlock();
            acknowledgeExpired(expired);
            consumer.acquirer().pump();
        }
    }

    /** Called with the lock held. */
    private Delivery pollUnexpired(PartitaMessageConsumer consumer, List<Delivery> expired) {
        long now = System.currentTimeMillis();
        Delivery next;
        while ((next = consumer.buffer().poll()) != null) {
            long expiration = next.message().getJMSExpiration();
            if (expiration == 0 || expiration > now) {
                return next;
            }
            expired.add(next);
        }
        return null;
    }

    private void acknowledgeExpired(List<Delivery> expired) {
        if (!expired.isEmpty()) {
            acknowledgeByOwner(expired).whenComplete((ok, failure) -> {
                if (failure != null) {
                    log.debug("acknowledging {} expired message(s) failed: {}", expired.size(), failure.toString());
                }
            });
        }
    }

    /** Called with the lock held: the delivery reaches the application now. */
    private void handOver(Delivery delivery) {
        delivered.add(delivery);
        delivery.message().setAcknowledgeHandler(message -> acknowledgeAll());
    }

    /**
     * After the application got {@code delivery} (receive returned it, or its listener returned or
     * threw): acknowledges it as the mode says. A listener that threw in {@code AUTO} or
     * {@code DUPS_OK} mode gets the message again (released with delivery count + 1).
     */
    void afterDelivery(Delivery delivery, boolean listenerThrew) throws JMSException {
        if (mode == AckMode.CLIENT) {
            return;
        }
        List<Delivery> flush = null;
        lock.lock();
        try {
            if (!delivered.remove(delivery)) {
                return; // recovered meanwhile: released already
            }
            if (!listenerThrew && mode == AckMode.DUPS_OK) {
                batchedAcks.add(delivery);
                boolean dry = delivery.consumer().session() == this ? delivery.consumer().buffer().isEmpty() : loaded.isEmpty();
                if (batchedAcks.size() >= DUPS_OK_BATCH || dry) {
                    flush = new ArrayList<>(batchedAcks);
                    batchedAcks.clear();
                }
            }
        } finally {
            lock.unlock();
        }
        if (listenerThrew) {
            await(releaseByOwner(List.of(delivery), List.of()), "release of a message its listener threw on");
        } else if (mode == AckMode.AUTO) {
            CompletableFuture<Void> ack = acknowledgeByOwner(List.of(delivery));
            if (connection.connection().options().blockOnAcknowledge()) {
                await(ack, "acknowledge");
            } else {
                ack.whenComplete((ok, failure) -> {
                    if (failure != null) {
                        connection.report(JmsExceptions.toJms("acknowledge", failure));
                    }
                });
            }
        } else if (flush != null) {
            sendBatch(flush);
        }
    }

    /** Sends the batched {@code DUPS_OK} acks (from the connection's timer too). */
    void flushBatchedAcks() {
        List<Delivery> flush;
        lock.lock();
        try {
            if (batchedAcks.isEmpty()) {
                return;
            }
            flush = new ArrayList<>(batchedAcks);
            batchedAcks.clear();
        } finally {
            lock.unlock();
        }
        sendBatch(flush);
    }

    private void sendBatch(List<Delivery> batch) {
        acknowledgeByOwner(batch).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.debug("batched acknowledgement of {} message(s) failed: {}", batch.size(), failure.toString());
            }
        });
    }

    // ---------------------------------------------------------------- acknowledge, recover

    /** {@code message.acknowledge()}: in {@code CLIENT_ACKNOWLEDGE} mode, everything delivered; otherwise nothing. */
    public void acknowledgeAll() throws JMSException {
        if (closed) {
            throw new IllegalStateException("the session that delivered this message is closed");
        }
        if (mode != AckMode.CLIENT) {
            return;
        }
        List<Delivery> all;
        lock.lock();
        try {
            all = new ArrayList<>(delivered);
            if (leaseLost) {
                leaseLost = false;
                delivered.clear();
                throw new JMSException("the session's lease expired (no heartbeat reached the broker in time): its"
                        + " unacknowledged messages were released and will be redelivered", "STALE_SESSION_EPOCH");
            }
        } finally {
            lock.unlock();
        }
        if (all.isEmpty()) {
            return;
        }
        await(acknowledgeByOwner(all), "acknowledge");
        lock.lock();
        try {
            Set<Delivery> acknowledged = Collections.newSetFromMap(new IdentityHashMap<>());
            acknowledged.addAll(all);
            delivered.removeIf(acknowledged::contains); // a set: removeAll(List) is quadratic in what was delivered
        } finally {
            lock.unlock();
        }
    }

    /**
     * Releases everything delivered and not acknowledged (delivery count + 1) and everything
     * prefetched (unchanged), then refills the prefetch: the next message is the oldest
     * unacknowledged one.
     */
    public void recover() throws JMSException {
        List<Delivery> handed;
        List<Delivery> buffered = new ArrayList<>();
        lock.lock();
        try {
            handed = new ArrayList<>(delivered);
            delivered.clear();
            buffered.addAll(loaded);
            loaded.clear();
            for (PartitaMessageConsumer consumer : consumers) {
                buffered.addAll(consumer.buffer().drain());
                consumer.acquirer().recovered();
            }
            leaseLost = false;
        } finally {
            lock.unlock();
        }
        flushBatchedAcks();
        try {
            if (!handed.isEmpty() || !buffered.isEmpty()) {
                await(releaseByOwner(handed, buffered), "recover");
            }
        } finally {
            consumers.forEach(c -> c.acquirer().pump());
        }
    }

    /** The heartbeat answer named this session: the broker released all it held. */
    void leaseExpired() {
        lock.lock();
        try {
            leaseLost = true;
            for (PartitaMessageConsumer consumer : consumers) {
                consumer.buffer().drain();
                consumer.acquirer().recovered();
            }
            if (mode != AckMode.CLIENT) {
                delivered.clear();
            }
        } finally {
            lock.unlock();
        }
        consumers.forEach(c -> c.acquirer().pump());
    }

    // ---------------------------------------------------------------- listeners

    /** A consumer got a listener: make sure the delivery thread runs. */
    void listenerSet() {
        lock.lock();
        try {
            if (deliveryThread == null && !closed) {
                deliveryThread = new Thread(this::deliveryLoop, "partita-jms-session-" + THREADS.getAndIncrement());
                deliveryThread.setDaemon(true);
                deliveryThread.start();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void deliveryLoop() {
        while (true) {
            Delivery next;
            List<Delivery> expired = new ArrayList<>();
            lock.lock();
            try {
                while ((next = nextForListener(expired)) == null) {
                    if (closed) {
                        return;
                    }
                    changed.await();
                }
                handOver(next);
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
                acknowledgeExpired(expired);
            }
            deliverToListener(next);
        }
    }

    /** Called with the lock held: the next message of a consumer with a listener, round robin. */
    private Delivery nextForListener(List<Delivery> expired) {
        if (closed || !started()) {
            return null;
        }
        int count = consumers.size();
        for (int i = 0; i < count; i++) {
            PartitaMessageConsumer consumer = consumers.get((listenerCursor + i) % count);
            if (consumer.listener() == null || consumer.isClosed()) {
                continue;
            }
            Delivery next = pollUnexpired(consumer, expired);
            if (next != null) {
                listenerCursor = (listenerCursor + i + 1) % count;
                return next;
            }
        }
        return null;
    }

    private void deliverToListener(Delivery delivery) {
        PartitaMessageConsumer consumer = delivery.consumer();
        listenerRunning.lock();
        try {
            MessageListener listener = consumer.listener();
            if (consumer.isClosed() || listener == null) { // closed or listener removed while we picked it
                lock.lock();
                try {
                    delivered.remove(delivery);
                } finally {
                    lock.unlock();
                }
                releaseByOwner(List.of(), List.of(delivery));
                return;
            }
            boolean threw = false;
            try {
                listener.onMessage(delivery.message());
            } catch (RuntimeException e) {
                threw = true;
                log.warn("a MessageListener threw; the message will be redelivered unless the session is in"
                        + " CLIENT_ACKNOWLEDGE mode", e);
            }
            try {
                afterDelivery(delivery, threw);
            } catch (JMSException e) {
                connection.report(e);
            }
        } finally {
            listenerRunning.unlock();
        }
        consumer.acquirer().pump();
    }

    /** Waits until no listener of this session runs (connection stop, consumer close). */
    public void awaitListenerIdle() {
        if (isDeliveryThread()) {
            return;
        }
        listenerRunning.lock();
        listenerRunning.unlock();
    }

    // ---------------------------------------------------------------- application server facilities

    /** The session's distinguished listener (spec: application server facilities), or null. */
    public MessageListener sessionListener() {
        return sessionListener;
    }

    /**
     * Sets (or with null removes) the distinguished listener that {@link #runLoaded} hands loaded
     * messages to. While one is set the session receives no other way, so it is refused while the
     * session has consumers, and consumers are refused while it is set ({@link PartitaMessageConsumer#open}).
     *
     * @throws IllegalStateException when setting a listener on a session that has consumers
     */
    public void setSessionListener(MessageListener listener) throws JMSException {
        if (listener != null && !consumers.isEmpty()) {
            throw new IllegalStateException("the session has message consumers: a session's distinguished"
                    + " MessageListener excludes every other form of receiving; close them first");
        }
        sessionListener = listener;
    }

    /**
     * A connection consumer puts messages it acquired into this session, for the next
     * {@link #runLoaded}. False (nothing taken) when the session is closed.
     */
    boolean load(List<Delivery> deliveries) {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            loaded.addAll(deliveries);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Takes back the loaded messages of {@code consumer} that no run has handed over yet. */
    List<Delivery> unload(PartitaMessageConsumer consumer) {
        lock.lock();
        try {
            List<Delivery> mine = new ArrayList<>();
            loaded.removeIf(d -> {
                boolean match = d.consumer() == consumer;
                if (match) {
                    mine.add(d);
                }
                return match;
            });
            return mine;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code Session.run}: hands the loaded messages one by one to the distinguished listener on
     * the calling thread, acknowledging each as the session's mode says (as a consumer's listener
     * would be). Messages that cannot be delivered (no listener, connection stopped, session
     * closed) are released unchanged for other consumers; expired ones are acknowledged.
     */
    public void runLoaded() {
        runThread = Thread.currentThread();
        try {
            while (runOne()) {
                // next loaded message
            }
        } finally {
            runThread = null;
        }
    }

    /** Delivers one loaded message; false when none is left. */
    private boolean runOne() {
        Delivery next = null;
        MessageListener listener;
        List<Delivery> undeliverable = List.of();
        boolean expired = false;
        listenerRunning.lock(); // stop() and close() wait for a running listener
        try {
            lock.lock();
            try {
                if (loaded.isEmpty()) {
                    return false;
                }
                listener = sessionListener;
                if (closed || listener == null || !started()) {
                    undeliverable = new ArrayList<>(loaded);
                    loaded.clear();
                } else {
                    next = loaded.remove(0);
                    long expiration = next.message().getJMSExpiration();
                    expired = expiration != 0 && expiration <= System.currentTimeMillis();
                    if (!expired) {
                        handOver(next);
                    }
                }
            } finally {
                lock.unlock();
            }
            if (next == null) {
                log.debug("Session.run: {} loaded message(s) released (no listener, connection stopped or session closed)",
                        undeliverable.size());
                releaseQuietly(undeliverable);
                return false;
            }
            if (expired) { // never handed over
                acknowledgeExpired(List.of(next));
                return true;
            }
            boolean threw = false;
            try {
                listener.onMessage(next.message());
            } catch (RuntimeException e) {
                threw = true;
                log.warn("the session's MessageListener threw; the message will be redelivered unless the session is in"
                        + " CLIENT_ACKNOWLEDGE mode", e);
            }
            try {
                afterDelivery(next, threw);
            } catch (JMSException e) {
                connection.report(e);
            }
            return true;
        } finally {
            listenerRunning.unlock();
        }
    }

    /** Releases deliveries that never reached the application (delivery count unchanged); failures are logged. */
    void releaseQuietly(List<Delivery> notDelivered) {
        if (notDelivered.isEmpty()) {
            return;
        }
        releaseByOwner(List.of(), notDelivered).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.debug("releasing {} undelivered message(s) failed: {}", notDelivered.size(), failure.toString());
            }
        });
    }

    // ---------------------------------------------------------------- connection consumer source

    /**
     * For a connection consumer reading through {@code consumer}: waits until the connection is
     * started and a message is prefetched. False when the consumer or session closed, or the
     * thread was interrupted.
     */
    boolean awaitPrefetched(PartitaMessageConsumer consumer) {
        lock.lock();
        try {
            while (!consumer.isClosed() && !closed) {
                if (started() && !consumer.buffer().isEmpty()) {
                    return true;
                }
                changed.await();
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code max} unexpired prefetched messages of {@code consumer} (none while the
     * connection is stopped) for a connection consumer to load into a server session; expired
     * ones are acknowledged.
     */
    List<Delivery> takeBatch(PartitaMessageConsumer consumer, int max) {
        List<Delivery> batch = new ArrayList<>();
        List<Delivery> expired = new ArrayList<>();
        lock.lock();
        try {
            while (batch.size() < max && started() && !consumer.isClosed() && !closed) {
                Delivery next = pollUnexpired(consumer, expired);
                if (next == null) {
                    break;
                }
                batch.add(next);
            }
        } finally {
            lock.unlock();
            acknowledgeExpired(expired);
        }
        return batch;
    }

    // ---------------------------------------------------------------- state changes by owner

    /**
     * Acknowledges through the session that acquired each delivery (the broker holds acquisitions
     * per session): a server session's loaded messages belong to its connection consumer's session.
     */
    private CompletableFuture<Void> acknowledgeByOwner(Collection<Delivery> deliveries) {
        Map<SessionDelivery, List<Delivery>> owners = byOwner(deliveries);
        if (owners.size() <= 1 && (owners.isEmpty() || owners.containsKey(this))) {
            return changes.acknowledge(deliveries);
        }
        List<CompletableFuture<Void>> all = new ArrayList<>();
        owners.forEach((owner, mine) -> all.add(owner.changes.acknowledge(mine)));
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
    }

    /** Releases through the session that acquired each delivery; see {@link #acknowledgeByOwner}. */
    private CompletableFuture<Void> releaseByOwner(Collection<Delivery> handed, Collection<Delivery> notHanded) {
        Map<SessionDelivery, List<Delivery>> handedBy = byOwner(handed);
        Map<SessionDelivery, List<Delivery>> notHandedBy = byOwner(notHanded);
        if ((handedBy.isEmpty() || handedBy.keySet().equals(Set.of(this)))
                && (notHandedBy.isEmpty() || notHandedBy.keySet().equals(Set.of(this)))) {
            return changes.release(handed, notHanded);
        }
        Map<SessionDelivery, Boolean> owners = new IdentityHashMap<>();
        handedBy.keySet().forEach(o -> owners.put(o, true));
        notHandedBy.keySet().forEach(o -> owners.put(o, true));
        List<CompletableFuture<Void>> all = new ArrayList<>();
        owners.keySet().forEach(owner -> all.add(owner.changes.release(handedBy.getOrDefault(owner, List.of()),
                notHandedBy.getOrDefault(owner, List.of()))));
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]));
    }

    private static Map<SessionDelivery, List<Delivery>> byOwner(Collection<Delivery> deliveries) {
        Map<SessionDelivery, List<Delivery>> owners = new IdentityHashMap<>();
        for (Delivery d : deliveries) {
            owners.computeIfAbsent(d.consumer().session(), o -> new ArrayList<>()).add(d);
        }
        return owners;
    }

    // ---------------------------------------------------------------- close

    /**
     * Closes the session's receiving side: waits for a running listener, closes its consumers
     * (releasing their prefetch), sends batched acks, releases what was delivered and not
     * acknowledged (delivery count + 1), and stops the delivery thread. Idempotent.
     *
     * @throws IllegalStateException when called from one of the session's listeners
     */
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (isDeliveryThread()) {
            throw new IllegalStateException("a MessageListener must not close its own session");
        }
        listenerRunning.lock();
        Thread thread;
        List<CompletableFuture<Void>> closingConsumers = new ArrayList<>();
        List<Delivery> handed;
        List<Delivery> notRun;
        try {
            for (PartitaMessageConsumer consumer : consumers) {
                CompletableFuture<Void> leaving = consumer.closeQuietly();
                if (leaving != null) {
                    closingConsumers.add(leaving);
                }
            }
            flushBatchedAcks();
            lock.lock();
            try {
                closed = true;
                handed = new ArrayList<>(delivered);
                delivered.clear();
                notRun = new ArrayList<>(loaded);
                loaded.clear();
                thread = deliveryThread;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        } finally {
            listenerRunning.unlock();
        }
        connection.sessionClosed(this);
        try {
            // one wait for everything, so close returns within reconnectTimeout + requestTimeout
            // even when no broker answers; a failure is logged (lease expiry releases the messages), not thrown
            List<CompletableFuture<?>> all = new ArrayList<>(closingConsumers);
            if (!handed.isEmpty() || !notRun.isEmpty()) {
                all.add(releaseByOwner(handed, notRun));
            }
            if (!all.isEmpty()) {
                await(CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])),
                        "release of unacknowledged messages at close");
            }
        } catch (JMSException e) {
            log.warn("closing a session: {} (its messages are redelivered once the broker expires its lease)", e.getMessage());
        } finally {
            if (thread != null) {
                try {
                    thread.join(connection.connection().options().reconnectTimeoutMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Waits for a state change to be confirmed, at most {@code reconnectTimeout} plus one request
     * timeout; then throws (and tells the exception listener): never hangs.
     */
    void await(CompletableFuture<?> future, String what) throws JMSException {
        long timeoutMs = connection.connection().options().reconnectTimeoutMs()
                + connection.connection().options().requestTimeoutMs();
        try {
            future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted while waiting for " + what);
        } catch (ExecutionException e) {
            JMSException error = JmsExceptions.toJms(what, e);
            if (JmsExceptions.unwrap(e) instanceof dev.partita.protocol.message.RetriableException) {
                connection.report(error);
            }
            throw error;
        } catch (TimeoutException e) {
            JMSException error = new JMSException(what + ": no broker confirmed it within " + timeoutMs + " ms",
                    "REQUEST_TIMED_OUT");
            connection.report(error);
            throw error;
        }
    }
}
