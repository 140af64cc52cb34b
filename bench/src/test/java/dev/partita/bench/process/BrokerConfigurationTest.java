package dev.partita.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the benchmark hands each broker, checked without starting one. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BrokerConfigurationTest {

    @Test
    void kafkaIsOneCombinedKraftNodeOnLoopback() {
        String properties = KafkaProcess.serverProperties(9500, 9501, Path.of("/tmp/k"));

        assertThat(properties.lines()).contains("process.roles=broker,controller",
            "controller.quorum.voters=1@127.0.0.1:9501",
            "listeners=PLAINTEXT://127.0.0.1:9500,CONTROLLER://127.0.0.1:9501",
            "log.dirs=/tmp/k");
        assertThat(properties).doesNotContain("flush.messages");
    }

    @Test
    void kafkaClusterIdIsTwentyTwoUrlSafeCharacters() {
        assertThat(KafkaProcess.newClusterId()).matches("[A-Za-z0-9_-]{22}");
    }

    @Test
    void partitaGetsItsPortsAndDataDirectory() {
        assertThat(PartitaProcess.serverArguments(7000, 7001, Path.of("/tmp/p")))
            .containsExactly("server", "--host", "127.0.0.1", "--port", "7000", "--zookeeper-port", "7001",
                "--data-dir", "/tmp/p");
    }

    @Test
    void readsKilobyteFieldsOfProcStatus() {
        List<String> status = List.of("Name:\tjava", "VmHWM:\t  204800 kB", "VmRSS:\t  102400 kB");

        assertThat(ProcessMemory.parseKilobyteField(status, "VmHWM:")).isEqualTo(OptionalLong.of(200L << 20));
        assertThat(ProcessMemory.parseKilobyteField(status, "VmSwap:")).isEmpty();
    }
}
