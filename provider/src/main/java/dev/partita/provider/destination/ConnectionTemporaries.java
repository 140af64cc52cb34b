package dev.partita.provider.destination;

import dev.partita.client.PartitaClient;
import dev.partita.client.network.BrokerEndpoint;
import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.TemporaryCreateRequest;
import dev.partita.protocol.message.TemporaryCreateResponse;
import dev.partita.protocol.message.TemporaryDeleteRequest;
import dev.partita.protocol.message.TemporaryDeleteResponse;
import dev.partita.protocol.message.TemporaryDestinationName;
import dev.partita.provider.util.JmsExceptions;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary queues and topics one connection created (spec 6.2.2: their scope is the
 * connection, any of its sessions may consume them, they go when it closes). Creating one is one
 * TEMPORARY_CREATE request to a broker, which writes nothing to ZooKeeper; the connection then
 * heartbeats that broker, which deletes them should the connection's lease expire. {@link #delete}
 * refuses while a consumer of the connection reads the destination (the {@code TemporaryQueue} and
 * {@code TemporaryTopic} javadoc).
 *
 * <p>Thread-safe.
 */
public final class ConnectionTemporaries implements TemporaryOwner {

    private static final Logger log = LoggerFactory.getLogger(ConnectionTemporaries.class);
    private static final long RETRY_BACKOFF_MS = 50;

    private final PartitaClient client;
    private final UUID connectionId;
    private final long timeoutMs;
    private final Consumer<BrokerEndpoint> leaseHeldAt;
    private final AtomicLong sequences = new AtomicLong();
    private final Map<PartitaDestination, BrokerEndpoint> live = new ConcurrentHashMap<>();
    /** Each live destination's consumers, as "is it closed" tests. */
    private final Map<PartitaDestination, List<BooleanSupplier>> consumers = new ConcurrentHashMap<>();

    /**
     * @param timeoutMs   how long a create or delete may wait for a broker (reconnect + request timeout)
     * @param leaseHeldAt called with the broker that holds a new destination: the connection must heartbeat it
     */
    public ConnectionTemporaries(PartitaClient client, UUID connectionId, long timeoutMs, Consumer<BrokerEndpoint> leaseHeldAt) {
        this.client = client;
        this.connectionId = connectionId;
        this.timeoutMs = timeoutMs;
        this.leaseHeldAt = leaseHeldAt;
    }

    public PartitaTemporaryQueue createQueue() throws JMSException {
        return (PartitaTemporaryQueue) create(DestinationKind.QUEUE);
    }

    public PartitaTemporaryTopic createTopic() throws JMSException {
        return (PartitaTemporaryTopic) create(DestinationKind.TOPIC);
    }

    private PartitaDestination create(DestinationKind kind) throws JMSException {
        long sequence = sequences.incrementAndGet();
        String what = "create a temporary " + (kind == DestinationKind.QUEUE ? "queue" : "topic");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            BrokerEndpoint broker = client.metadata().anyBroker();
            TemporaryCreateResponse response = await(client.network().send(broker,
                    new TemporaryCreateRequest(connectionId, kind, sequence), TemporaryCreateResponse.class), what);
            if (response.error() == Errors.NONE) {
                leaseHeldAt.accept(broker);
                PartitaDestination created = kind == DestinationKind.QUEUE
                        ? new PartitaTemporaryQueue(response.name(), this) : new PartitaTemporaryTopic(response.name(), this);
                live.put(created, broker);
                return created;
            }
            if (!response.error().isRetriable() || System.nanoTime() > deadline) {
                throw JmsExceptions.toJms(what, response.error().exception(
                        response.errorMessage() == null ? response.error().message() : response.errorMessage()));
            }
            pause();
        }
    }

    /**
     * Before a consumer on a temporary destination is made: only this connection's live ones may be
     * read (spec 6.2.2; another connection's gets {@code InvalidDestinationException}).
     */
    public void checkConsumer(PartitaDestination destination) throws JMSException {
        boolean ours = TemporaryDestinationName.of(destination.topicKey())
                .map(name -> name.owner().equals(connectionId)).orElse(false);
        if (!ours) {
            throw new InvalidDestinationException("cannot consume from " + destination
                    + ": only the connection that created a temporary destination may", Errors.NOT_TEMPORARY_DESTINATION_OWNER.name());
        }
        if (!live.containsKey(destination)) {
            throw new InvalidDestinationException("cannot consume from " + destination + ": it was deleted",
                    Errors.TEMPORARY_DESTINATION_GONE.name());
        }
    }

    /** A consumer on a temporary destination was made: {@link #delete} refuses until {@code closed} says it closed. */
    public void consumerOpened(PartitaDestination destination, BooleanSupplier closed) {
        consumers.computeIfAbsent(destination, d -> new CopyOnWriteArrayList<>()).add(closed);
    }

    @Override
    public void delete(PartitaDestination destination) throws JMSException {
        List<BooleanSupplier> readers = consumers.get(destination);
        if (readers != null) {
            readers.removeIf(BooleanSupplier::getAsBoolean);
            if (!readers.isEmpty()) {
                throw new JMSException("cannot delete " + destination + ": " + readers.size()
                        + " consumer(s) of this connection still use it", "TEMPORARY_DESTINATION_IN_USE");
            }
        }
        await(sendDelete(destination), "delete " + destination);
    }

    /** Removes it here and asks its broker to delete it; completes once the broker did (or it was gone already). */
    private CompletableFuture<Void> sendDelete(PartitaDestination destination) {
        BrokerEndpoint broker = live.remove(destination);
        consumers.remove(destination);
        if (broker == null) {
            return CompletableFuture.completedFuture(null); // deleted before: deleting again changes nothing
        }
        return client.network().send(broker, new TemporaryDeleteRequest(connectionId, destination.name()),
                TemporaryDeleteResponse.class).thenAccept(response -> {
                    if (response.error() != Errors.NONE && response.error() != Errors.TEMPORARY_DESTINATION_GONE) {
                        throw response.error().exception(
                                response.errorMessage() == null ? response.error().message() : response.errorMessage());
                    }
                });
    }

    /**
     * The connection closes (its consumers are closed): deletes every temporary destination it
     * still has, all at once, waiting at most the timeout for them together; a failure is logged
     * (the broker deletes them anyway when the connection's lease expires).
     */
    public void deleteAll() {
        consumers.clear();
        List<CompletableFuture<Void>> deletes = List.copyOf(live.keySet()).stream().map(destination ->
                sendDelete(destination).whenComplete((done, failure) -> {
                    if (failure != null) {
                        log.warn("deleting {} at connection close failed (the broker deletes it when the lease expires): {}",
                                destination, failure.toString());
                    }
                })).toList();
        try {
            await(CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new)), "delete temporary destinations");
        } catch (JMSException e) {
            log.debug("not every temporary destination was deleted at connection close", e);
        }
    }

    private <T> T await(CompletableFuture<T> answer, String what) throws JMSException {
        try {
            return answer.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw JmsExceptions.toJms("interrupted: " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw JmsExceptions.toJms(what, e);
        }
    }

    private static void pause() throws JMSException {
        try {
            Thread.sleep(RETRY_BACKOFF_MS); // a leader is being elected for a new internal topic
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted while creating a temporary destination");
        }
    }
}
