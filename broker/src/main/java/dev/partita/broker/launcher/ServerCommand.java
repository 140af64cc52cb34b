package dev.partita.broker.launcher;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.config.BrokerConfig;
import dev.partita.broker.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code partita server}: runs one broker until SIGINT or SIGTERM, then stops it cleanly (stop
 * accepting, finish or fail in-flight requests, flush and close logs with the clean-shutdown
 * marker, deregister, stop the embedded ZooKeeper) and exits 0.
 *
 * <p>Settings, later ones winning: defaults, {@code --config FILE}, {@code --set key=value}, then
 * the dedicated flags ({@code --port} etc.).
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run a Partita broker (with an embedded ZooKeeper unless --zookeeper is given).")
final class ServerCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of broker settings (see docs/configuration.md).")
    private Path configFile;

    @Option(names = "--port", paramLabel = "N", description = "TCP port to listen on (default 7676).")
    private Integer port;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default localhost).")
    private String host;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default ./data).")
    private Path dataDir;

    @Option(names = "--zookeeper", paramLabel = "host:port,...", description = "External ZooKeeper ensemble; default: an embedded ZooKeeper server.")
    private String zookeeper;

    @Option(names = "--zookeeper-port", paramLabel = "N", description = "Client port of the embedded ZooKeeper (default 2281).")
    private Integer zookeeperPort;

    @Option(names = "--broker-id", paramLabel = "ID", description = "Broker id (default 0).")
    private Integer brokerId;

    @Option(names = "--set", paramLabel = "key=value", description = "Any setting, repeatable.")
    private Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        BrokerConfig config;
        try {
            config = BrokerConfig.fromProperties(settings());
        } catch (ConfigException | IOException e) {
            System.err.println("partita: " + e.getMessage());
            return 2;
        }
        return run(config, System.out);
    }

    /** Merges the settings sources, later ones winning. */
    Map<String, String> settings() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        if (configFile != null) {
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(configFile)) {
                props.load(in);
            }
            props.stringPropertyNames().forEach(k -> settings.put(k, props.getProperty(k)));
        }
        settings.putAll(overrides);
        putIfSet(settings, BrokerConfig.PORT, port);
        putIfSet(settings, BrokerConfig.HOST, host);
        putIfSet(settings, BrokerConfig.DATA_DIR, dataDir);
        putIfSet(settings, BrokerConfig.ZOOKEEPER_CONNECT, zookeeper);
        putIfSet(settings, BrokerConfig.ZOOKEEPER_EMBEDDED_PORT, zookeeperPort);
        putIfSet(settings, BrokerConfig.BROKER_ID, brokerId);
        return settings;
    }

    private static void putIfSet(Map<String, String> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, value.toString());
        }
    }

    private static int run(BrokerConfig config, PrintStream out) throws InterruptedException {
        PartitaBroker broker = new PartitaBroker(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            out.println("Partita broker " + config.brokerId() + " stopping");
            try {
                broker.close();
                out.println("Partita broker " + config.brokerId() + " stopped cleanly");
                out.flush();
                stopped.countDown();
                // A signal would otherwise end the JVM with 128+signal; a clean stop is a success.
                Runtime.getRuntime().halt(0);
            } catch (RuntimeException e) {
                log.error("Shutdown failed", e);
                stopped.countDown();
                Runtime.getRuntime().halt(1);
            }
        }, "partita-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            broker.start();
        } catch (Exception | Error e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            log.error("Broker failed to start", e);
            System.err.println("partita: broker failed to start: " + e.getMessage());
            broker.close();
            return 1;
        }
        out.println(broker.describe());
        out.flush();
        stopped.await();
        return 0;
    }
}
