package dev.partita.broker.zk;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.server.PurgeTxnLog;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single ZooKeeper server inside the broker's JVM, for {@code bin/partita server} without an
 * external ensemble: ZooKeeper's own standalone {@link ZooKeeperServerMain}, run on a thread
 * ({@code partita-zookeeper}), listening on the given address only (loopback by default), with its
 * snapshots and transaction logs in the given directory so topics survive restarts. Each start
 * purges all but the newest {@value #SNAPSHOTS_KEPT} snapshots (standalone ZooKeeper never does).
 *
 * <p>Its admin server is off (system property {@code zookeeper.admin.enableServer=false}, set before
 * start because that is the only switch ZooKeeper reads), so it takes no port 8080.
 *
 * <p>{@link #start} and {@link #close} are synchronized; {@link #close} is idempotent.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeper.class);

    /** ZooKeeper's usual tick: client sessions may last between 2 and 20 ticks. */
    public static final int DEFAULT_TICK_MS = 2000;
    private static final int MAX_CONNECTIONS = 10_000;
    private static final int SNAPSHOTS_KEPT = 3;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** Connect strings of the embedded servers running in this JVM. */
    private static final java.util.Set<String> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path dataDir;
    private final String host;
    private final int requestedPort;
    private final int tickMs;
    private Server server;
    private Thread thread;
    private volatile Throwable failure;

    /**
     * @param dataDir directory for snapshots and transaction logs (created if missing), e.g.
     *                {@code <data.dir>/zookeeper}
     * @param host    address to listen on, e.g. {@code 127.0.0.1}
     * @param port    client port, 0 to pick a free one (see {@link #port()})
     */
    public EmbeddedZooKeeper(Path dataDir, String host, int port) {
        this(dataDir, host, port, DEFAULT_TICK_MS);
    }

    public EmbeddedZooKeeper(Path dataDir, String host, int port, int tickMs) {
        this.dataDir = dataDir;
        this.host = host;
        this.requestedPort = port;
        this.tickMs = tickMs;
    }

    /** ZooKeeper's standalone server with a hook that says when it accepts connections. */
    private static final class Server extends ZooKeeperServerMain {
        final CountDownLatch started = new CountDownLatch(1);

        @Override
        protected void serverStarted() {
            started.countDown();
        }

        void stop() {
            shutdown();
        }
    }

    /** Standalone settings set directly: ZooKeeper's parsers cannot bind a chosen address with port 0. */
    private static final class Config extends ServerConfig {
        Config(InetSocketAddress address, Path dataDir, int tickMs) {
            this.clientPortAddress = address;
            this.dataDir = dataDir.toFile();
            this.dataLogDir = dataDir.toFile();
            this.tickTime = tickMs;
            this.maxClientCnxns = 1000;
        }
    }

    /** Starts the server and returns once it accepts connections. */
    public synchronized EmbeddedZooKeeper start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        Files.createDirectories(dataDir);
        // standalone ZooKeeper never purges: keep the newest snapshots and the logs they need
        PurgeTxnLog.purge(dataDir.toFile(), dataDir.toFile(), SNAPSHOTS_KEPT);
        System.setProperty("zookeeper.admin.enableServer", "false");
        // a total connection limit (ZooKeeper warns at every start when there is none); an operator's wins
        System.getProperties().putIfAbsent("zookeeper.maxCnxns", String.valueOf(MAX_CONNECTIONS));
        Config config = new Config(new InetSocketAddress(host, requestedPort), dataDir, tickMs);
        Server starting = new Server();
        server = starting;
        thread = new Thread(() -> {
            try {
                starting.runFromConfig(config);
            } catch (Throwable e) {
                failure = e;
                starting.started.countDown();
            }
        }, "partita-zookeeper");
        thread.setDaemon(true);
        thread.start();
        try {
            if (!starting.started.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new IOException("Embedded ZooKeeper did not start within " + START_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("Interrupted while starting ZooKeeper", e);
        }
        if (failure != null) {
            Throwable cause = failure;
            close();
            throw new IOException("Embedded ZooKeeper failed to start on " + host + ":" + requestedPort + ": " + cause, cause);
        }
        RUNNING.add(connectString());
        log.info("Embedded ZooKeeper listening on {} with data in {}", connectString(), dataDir);
        return this;
    }

    /** The port it listens on (the one picked when started with port 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getClientPort();
    }

    /** {@code host:port} for ZooKeeper clients. */
    public String connectString() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return shown + ":" + port();
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Whether this connect string names an embedded server that this JVM started: then every older
     * session on it belongs to a dead run of this process (see {@link PreviousSession}).
     */
    public static boolean runsInThisProcess(String connectString) {
        return RUNNING.contains(connectString);
    }

    /** Stops the server, waits for its thread and closes its files. Idempotent. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        if (failure == null && server.started.getCount() == 0) {
            RUNNING.remove(connectString());
        }
        server.stop();
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("Embedded ZooKeeper thread still running {} after shutdown", STOP_TIMEOUT);
        }
        server = null;
        thread = null;
    }
}
