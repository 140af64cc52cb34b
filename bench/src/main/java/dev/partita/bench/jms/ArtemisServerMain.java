package dev.partita.bench.jms;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * Main class of the Artemis child JVM: {@code ArtemisServerMain <port> <data dir>}. Starts an
 * embedded ActiveMQ Artemis broker with persistence on, the NIO journal (no libaio here) with its
 * default {@code journal-datasync=true} (a persistent send is acknowledged after the journal's
 * fsync), security off, auto-created addresses and queues (Artemis's defaults), and one core-protocol
 * acceptor on {@code 127.0.0.1:<port>}. Stops the broker when the JVM is asked to stop (SIGTERM).
 */
public final class ArtemisServerMain {

    private ArtemisServerMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ArtemisServerMain <port> <data dir>");
            System.exit(2);
        }
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(configuration(Integer.parseInt(args[0]), Path.of(args[1])));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                System.err.println("Artemis did not stop cleanly: " + e);
            } finally {
                stopped.countDown();
            }
        }, "artemis-bench-stop"));
        server.start();
        System.out.println("Artemis listening on 127.0.0.1:" + args[0]);
        stopped.await();
    }

    static Configuration configuration(int port, Path dataDir) throws Exception {
        return new ConfigurationImpl()
            .setName("artemis-bench")
            .setPersistenceEnabled(true)
            .setJournalType(JournalType.NIO)
            .setJournalDirectory(dataDir.resolve("journal").toString())
            .setBindingsDirectory(dataDir.resolve("bindings").toString())
            .setPagingDirectory(dataDir.resolve("paging").toString())
            .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
            .setSecurityEnabled(false)
            .setJMXManagementEnabled(false)
            .addAcceptorConfiguration("core", "tcp://127.0.0.1:" + port + "?protocols=CORE");
    }
}
