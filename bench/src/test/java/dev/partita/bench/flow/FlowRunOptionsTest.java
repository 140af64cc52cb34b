package dev.partita.bench.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The command line of {@link FlowRun} and the heap lines its JVMs print. Nothing here starts a JVM. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FlowRunOptionsTest {

    @Test
    void defaultsAreTheIssuesSizes() {
        FlowRun command = new FlowRun();
        new CommandLine(command).parseArgs();

        assertThat(command.messages).isEqualTo(1_000_000);
        assertThat(command.messageSize).isEqualTo(1024);
        assertThat(command.brokerHeap).isEqualTo("128m");
        assertThat(command.clientHeap).isEqualTo("64m");
        assertThat(command.urlOptions).isEmpty();
    }

    @Test
    void optionsChangeTheRun() {
        FlowRun command = new FlowRun();
        new CommandLine(command).parseArgs("--messages", "300000", "--client-heap", "96m", "--url-options",
            "prefetch=100", "--idle-s", "10");

        assertThat(command.messages).isEqualTo(300_000);
        assertThat(command.clientHeap).isEqualTo("96m");
        assertThat(command.urlOptions).isEqualTo("prefetch=100");
        assertThat(command.idleSeconds).isEqualTo(10);
    }

    @Test
    void heapLinesAreReadBackAndOtherLinesIgnored() {
        assertThat(HeapSampler.parse("HEAP live=123 used=456")).containsExactly(123, 456);
        assertThat(HeapSampler.parse("PRODUCED 10 20")).isNull();
    }
}
