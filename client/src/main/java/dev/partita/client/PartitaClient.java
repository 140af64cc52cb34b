package dev.partita.client;

import dev.partita.client.admin.Admin;
import dev.partita.client.consumer.LogConsumer;
import dev.partita.client.metadata.MetadataCache;
import dev.partita.client.network.ConnectionSettings;
import dev.partita.client.network.NetworkClient;
import dev.partita.client.network.Transport;
import dev.partita.client.producer.PartitionChooser;
import dev.partita.client.producer.Producer;
import dev.partita.protocol.message.MetadataResponse;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the low-level client: owns the Netty event loops ({@code partita-client-io-N},
 * epoll where available), one connection per broker, the metadata cache and the callback thread
 * ({@code partita-client-callback-N}) on which every future handed to user code completes, so user
 * code never runs on an I/O thread. Hands out {@link #admin()}, producers and consumers, which
 * share all of that.
 *
 * <p>Thread-safe. {@link #close()} closes the producers still open (sending what they queued),
 * then the connections and threads.
 */
public final class PartitaClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitaClient.class);
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

    private final ClientConfig config;
    private final EventLoopGroup group;
    private final CallbackExecutor callbacks;
    private final NetworkClient network;
    private final MetadataCache metadata;
    private final Admin admin;
    private final Transport transport;
    private final List<Producer> producers = new ArrayList<>(); // guarded by this
    private final List<NetworkClient> extraNetworks = new ArrayList<>(); // guarded by this
    private boolean closed; // guarded by this

    private PartitaClient(ClientConfig config, Transport transport) {
        this.config = config;
        this.transport = transport;
        int clientNumber = CLIENT_IDS.getAndIncrement();
        this.group = transport.newEventLoopGroup(config.ioThreads(), "partita-client-io-");
        this.callbacks = new CallbackExecutor("partita-client-callback-" + clientNumber);
        ConnectionSettings settings = new ConnectionSettings(config.clientId(), config.requestTimeoutMs(), config.connectTimeoutMs(),
                config.reconnectBackoffMs(), config.reconnectBackoffMaxMs(), config.maxFrameBytes(), config.username(), config.password());
        this.network = new NetworkClient(settings, group, transport);
        this.metadata = new MetadataCache((broker, request) -> network.send(broker, request, MetadataResponse.class),
                config.bootstrapServers(), group.next(), System::currentTimeMillis, config.retryBackoffMs(), config.metadataMaxAgeMs());
        this.admin = new Admin(config, metadata, network, callbacks, group.next());
        log.debug("client {} started on {} with {}", config.clientId(), transport, config);
    }

    /** A client on the best transport of this platform. Connects lazily, on first request. */
    public static PartitaClient create(ClientConfig config) {
        return new PartitaClient(config, Transport.best());
    }

    /** A client on a chosen transport (tests pin NIO). */
    public static PartitaClient create(ClientConfig config, Transport transport) {
        return new PartitaClient(config, transport);
    }

    public ClientConfig config() {
        return config;
    }

    public Admin admin() {
        return admin;
    }

    /** The cluster view shared by this client's producers and consumers. */
    public MetadataCache metadata() {
        return metadata;
    }

    public NetworkClient network() {
        return network;
    }

    /**
     * Further connections to the brokers (one per broker, made on first use) with this client's
     * settings and threads, closed with the client. A broker answers each connection in request
     * order, so requests that may wait long at the broker (a produce to a full destination) go
     * over connections of their own, where they hold back no other request's answer.
     */
    public synchronized NetworkClient newNetworkClient() {
        if (closed) {
            throw new ClientClosedException("client is closed");
        }
        NetworkClient extra = new NetworkClient(network.settings(), group, transport);
        extraNetworks.add(extra);
        return extra;
    }

    /** A producer with the default sticky partition choice (one partition per topic). */
    public Producer newProducer() {
        return newProducer(PartitionChooser.sticky());
    }

    public synchronized Producer newProducer(PartitionChooser chooser) {
        if (closed) {
            throw new ClientClosedException("client is closed");
        }
        Producer producer = new Producer(config, metadata,
                (leader, request) -> network.send(leader, request, dev.partita.protocol.message.ProduceResponse.class),
                callbacks, chooser);
        producers.removeIf(Producer::isClosed); // a client may outlive many producers
        producers.add(producer);
        return producer;
    }

    /** A consumer; not thread-safe itself (one thread polls it). */
    public LogConsumer newConsumer() {
        synchronized (this) {
            if (closed) {
                throw new ClientClosedException("client is closed");
            }
        }
        return new LogConsumer(config, metadata, network, admin);
    }

    /** Closes open producers (sending what they queued), connections, then the threads. Idempotent. */
    @Override
    public void close() {
        List<Producer> open;
        List<NetworkClient> extras;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = new ArrayList<>(producers);
            extras = new ArrayList<>(extraNetworks);
        }
        open.forEach(Producer::close);
        metadata.close();
        extras.forEach(NetworkClient::close);
        network.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        try {
            if (!callbacks.shutdown(5_000)) {
                log.warn("callbacks still running 5 s after close; abandoning them");
                callbacks.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
