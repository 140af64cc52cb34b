package dev.partita.storage.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.record.TimestampType;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LogConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        LogConfig config = LogConfig.defaults();
        assertThat(config.segmentBytes()).isEqualTo(1 << 30);
        assertThat(config.segmentMs()).isEqualTo(7L * 24 * 3600 * 1000);
        assertThat(config.flushPolicy()).isEqualTo(FlushPolicy.GROUP_COMMIT);
        assertThat(config.retentionBytes()).isEqualTo(-1);
        assertThat(config.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
    }

    @Test
    void propertiesOverrideDefaultsAndRoundTrip() {
        LogConfig config = LogConfig.fromProperties(Map.of(
                "segment.bytes", "1048576", "flush.policy", "per-batch", "retention.ms", "-1",
                "message.timestamp.type", "LogAppendTime", "unrelated.key", "x"));
        assertThat(config.segmentBytes()).isEqualTo(1 << 20);
        assertThat(config.flushPolicy()).isEqualTo(FlushPolicy.PER_BATCH);
        assertThat(config.retentionMs()).isEqualTo(-1);
        assertThat(config.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(LogConfig.fromProperties(config.toProperties())).isEqualTo(config);
        assertThat(config.toProperties().keySet()).containsExactlyElementsOf(LogConfig.KEYS);
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> LogConfig.fromProperties(Map.of("segment.bytes", "lots")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segment.bytes");
        assertThatThrownBy(() -> LogConfig.fromProperties(Map.of("flush.policy", "sometimes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flush.policy");
        assertThatThrownBy(() -> LogConfig.fromProperties(Map.of("retention.bytes", "-5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention.bytes");
    }
}
