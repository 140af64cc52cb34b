package dev.partita.broker.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class EmbeddedZooKeeperIT {

    @TempDir
    Path dataDir;

    @Test
    void servesClientsOnAPickedPortAndKeepsDataAcrossRestarts() throws Exception {
        Path zkDir = dataDir.resolve("zookeeper");
        try (EmbeddedZooKeeper zk = new EmbeddedZooKeeper(zkDir, "127.0.0.1", 0).start()) {
            assertThat(zk.port()).isPositive();
            assertThat(zk.connectString()).isEqualTo("127.0.0.1:" + zk.port());
            try (CuratorFramework client = ZkTestSupport.connect(zk.connectString())) {
                client.create().creatingParentsIfNeeded().forPath("/partita/kept", "v".getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(zkDir.resolve("version-2")).isDirectory();
        try (java.util.stream.Stream<Path> files = Files.walk(zkDir)) {
            assertThat(files.filter(Files::isRegularFile).count()).as("snapshot and transaction log files").isPositive();
        }

        try (EmbeddedZooKeeper zk = new EmbeddedZooKeeper(zkDir, "127.0.0.1", 0).start();
             CuratorFramework client = ZkTestSupport.connect(zk.connectString())) {
            assertThat(new String(client.getData().forPath("/partita/kept"), StandardCharsets.UTF_8)).isEqualTo("v");
        }
    }

    @Test
    void closeReleasesThePortAndIsIdempotent() throws Exception {
        EmbeddedZooKeeper zk = new EmbeddedZooKeeper(dataDir, "127.0.0.1", 0).start();
        int port = zk.port();
        String connectString = zk.connectString();
        assertThat(EmbeddedZooKeeper.runsInThisProcess(connectString)).isTrue();
        zk.close();
        assertThat(EmbeddedZooKeeper.runsInThisProcess(connectString)).isFalse();
        zk.close();
        try (ServerSocket again = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        assertThatThrownBy(zk::port).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTakenPortFailsTheStartWithAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            EmbeddedZooKeeper zk = new EmbeddedZooKeeper(dataDir, "127.0.0.1", taken.getLocalPort());
            assertThatThrownBy(zk::start).isInstanceOf(IOException.class).hasMessageContaining(String.valueOf(taken.getLocalPort()));
            zk.close();
        }
    }

    @Test
    void theAdminServerIsNotEvenTried() throws Exception {
        // ZooKeeper logs from this factory when it tries to start its admin server (port 8080)
        ch.qos.logback.classic.Logger factoryLog = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger("org.apache.zookeeper.server.admin.AdminServerFactory");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
                new ch.qos.logback.core.read.ListAppender<>();
        events.start();
        ch.qos.logback.classic.Level level = factoryLog.getLevel();
        factoryLog.setLevel(ch.qos.logback.classic.Level.DEBUG);
        factoryLog.addAppender(events);
        try (EmbeddedZooKeeper zk = new EmbeddedZooKeeper(dataDir, "127.0.0.1", 0).start();
             CuratorFramework client = ZkTestSupport.connect(zk.connectString())) {
            assertThat(client.checkExists().forPath("/zookeeper")).isNotNull();
        } finally {
            factoryLog.detachAppender(events);
            factoryLog.setLevel(level);
        }
        assertThat(events.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).isEmpty();
    }
    @Test
    void oldSnapshotsArePurgedOnStart() throws Exception {
        for (int run = 0; run < 6; run++) {
            try (EmbeddedZooKeeper zk = new EmbeddedZooKeeper(dataDir, "127.0.0.1", 0).start();
                 CuratorFramework client = ZkTestSupport.connect(zk.connectString())) {
                client.create().forPath("/run-" + run); // each start snapshots the tree it loaded
            }
        }
        try (java.util.stream.Stream<Path> files = Files.list(dataDir.resolve("version-2"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("snapshot."))).hasSizeLessThanOrEqualTo(4);
        }
        try (EmbeddedZooKeeper zk = new EmbeddedZooKeeper(dataDir, "127.0.0.1", 0).start();
             CuratorFramework client = ZkTestSupport.connect(zk.connectString())) {
            for (int run = 0; run < 6; run++) {
                assertThat(client.checkExists().forPath("/run-" + run)).isNotNull();
            }
        }
    }
}
