package dev.partita.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.client.network.BrokerEndpoint;
import dev.partita.protocol.frame.FrameCodec;
import dev.partita.protocol.message.Acks;
import dev.partita.protocol.message.IsolationLevel;
import dev.partita.protocol.record.CompressionType;
import org.junit.jupiter.api.Test;

class ClientConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ClientConfig config = ClientConfig.builder().build();
        assertThat(config.bootstrapServers()).containsExactly(new BrokerEndpoint("localhost", 7676));
        assertThat(config.requestTimeoutMs()).isEqualTo(30_000);
        assertThat(config.batchSize()).isEqualTo(16_384);
        assertThat(config.lingerMs()).isEqualTo(5);
        assertThat(config.bufferMemory()).isEqualTo(32L << 20);
        assertThat(config.acks()).isEqualTo(Acks.ALL);
        assertThat(config.compression()).isEqualTo(CompressionType.NONE);
        assertThat(config.maxRequestSize()).isEqualTo(1 << 20);
        assertThat(config.fetchMaxWaitMs()).isEqualTo(500);
        assertThat(config.fetchMinBytes()).isEqualTo(1);
        assertThat(config.fetchMaxBytes()).isEqualTo(50 << 20);
        assertThat(config.partitionFetchMaxBytes()).isEqualTo(1 << 20);
        assertThat(config.maxFrameBytes()).isEqualTo(FrameCodec.DEFAULT_MAX_FRAME_BYTES);
        assertThat(config.isolationLevel()).isEqualTo(IsolationLevel.READ_UNCOMMITTED);
        assertThat(config.authenticates()).isFalse();
        assertThat(config.autoCreateTopics()).isTrue();
    }

    @Test
    void bootstrapServersParseHostPortListsWithIpv6Literals() {
        ClientConfig config = ClientConfig.builder().bootstrapServers(" a:1, [::1]:7676 ,b.example:9").build();
        assertThat(config.bootstrapServers()).containsExactly(new BrokerEndpoint("a", 1),
                new BrokerEndpoint("::1", 7676), new BrokerEndpoint("b.example", 9));
        assertThat(config.toBuilder().build().bootstrapServers()).isEqualTo(config.bootstrapServers());
    }

    @Test
    void badValuesAreRejectedWithTheSettingsName() {
        assertThatThrownBy(() -> ClientConfig.builder().bootstrapServers("nohost").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port");
        assertThatThrownBy(() -> ClientConfig.builder().bootstrapServers(" , ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> ClientConfig.builder().batchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> ClientConfig.builder().username("u").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("together");
    }

    @Test
    void thePasswordNeverShowsInToString() {
        ClientConfig config = ClientConfig.builder().username("alice").password("s3cret").build();
        assertThat(config.toString()).doesNotContain("s3cret");
    }
}
