package dev.partita.bench.jms;

import dev.partita.bench.process.BrokerLaunchSettings;
import dev.partita.bench.process.ChildJvmBroker;
import dev.partita.bench.process.ChildJvm;
import dev.partita.bench.process.FreePorts;
import dev.partita.bench.process.TempDirs;
import java.nio.file.Path;
import java.util.List;

/**
 * Apache ActiveMQ Artemis in a JVM of its own ({@link ArtemisServerMain}), started with the same
 * launch settings (heap, GC, logging) as the Partita broker it is compared with; its acceptor port is
 * picked at run time on loopback and its data directory is temporary, deleted on {@link #close()}.
 * Not thread-safe.
 */
public final class ArtemisProcess extends ChildJvmBroker {

    private ArtemisProcess(Path dir, int port, ChildJvm jvm) {
        super("Artemis", dir, port, jvm);
    }

    public static ArtemisProcess start(BrokerLaunchSettings settings) {
        Path dir = TempDirs.create(settings.workDir(), "artemis-");
        try {
            int port = FreePorts.pick();
            ChildJvm jvm = ChildJvm.start("Artemis", settings.jvmOptions(), settings.classpath(),
                ArtemisServerMain.class.getName(), List.of(Integer.toString(port), dir.resolve("data").toString()),
                dir.resolve("artemis.log"));
            ArtemisProcess artemis = new ArtemisProcess(dir, port, jvm);
            try {
                jvm.awaitListening(port, settings.startupTimeout());
            } catch (RuntimeException e) {
                artemis.close();
                throw e;
            }
            return artemis;
        } catch (RuntimeException e) {
            TempDirs.deleteRecursively(dir);
            throw e;
        }
    }
}
