package dev.partita.bench.process;

import java.nio.file.Path;
import java.util.List;

/**
 * A Partita broker started the way a user starts one ({@code PartitaServer server}), with its
 * embedded ZooKeeper, in a JVM of its own: the broker and ZooKeeper ports are picked at run time on
 * loopback and the data directory is temporary, deleted on {@link #close()}. Stopped with SIGTERM,
 * which the launcher turns into a clean shutdown. Not thread-safe.
 */
public final class PartitaProcess extends ChildJvmBroker {

    static final String SERVER_MAIN = "dev.partita.broker.launcher.PartitaServer";

    private PartitaProcess(Path dir, int port, ChildJvm jvm) {
        super("Partita", dir, port, jvm);
    }

    public static PartitaProcess start(BrokerLaunchSettings settings) {
        Path dir = TempDirs.create(settings.workDir(), "partita-");
        try {
            int port = FreePorts.pick();
            int zookeeperPort = FreePorts.pick();
            ChildJvm jvm = ChildJvm.start("Partita", settings.jvmOptions(), settings.classpath(), SERVER_MAIN,
                serverArguments(port, zookeeperPort, dir.resolve("data")), dir.resolve("partita.log"));
            PartitaProcess partita = new PartitaProcess(dir, port, jvm);
            try {
                jvm.awaitListening(port, settings.startupTimeout());
            } catch (RuntimeException e) {
                partita.close();
                throw e;
            }
            return partita;
        } catch (RuntimeException e) {
            TempDirs.deleteRecursively(dir);
            throw e;
        }
    }

    /** The launcher's arguments: loopback only, ports and data directory of this run, defaults otherwise. */
    static List<String> serverArguments(int port, int zookeeperPort, Path dataDir) {
        return List.of("server", "--host", "127.0.0.1", "--port", Integer.toString(port),
            "--zookeeper-port", Integer.toString(zookeeperPort), "--data-dir", dataDir.toString());
    }
}
