package dev.partita.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CompressionTypeTest {

    @Test
    void idsAndNamesAreTheWireAndConfigValues() {
        assertThat(CompressionType.values()).extracting(CompressionType::id).containsExactly(0, 1, 2, 3, 4);
        assertThat(CompressionType.values()).extracting(CompressionType::configName)
                .containsExactly("none", "gzip", "snappy", "lz4", "zstd");
        for (CompressionType type : CompressionType.values()) {
            assertThat(CompressionType.forId(type.id)).isSameAs(type);
            assertThat(CompressionType.forName(type.configName().toUpperCase())).isSameAs(type);
        }
    }

    @Test
    void unknownIdsAndNamesAreRejected() {
        assertThatThrownBy(() -> CompressionType.forId(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompressionType.forName("brotli")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void batchWithUnknownCodecIsInvalid() {
        MemoryRecords records = MemoryRecords.withRecords(CompressionType.NONE, new SimpleRecord(1L, null, new byte[3]));
        RecordBatch batch = records.iterator().next();
        batch.buffer().putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) 6);
        batch.writeCrc();
        assertThatThrownBy(batch::ensureValid).isInstanceOf(InvalidRecordException.class)
                .isNotInstanceOf(CorruptRecordException.class);
        assertThatThrownBy(batch::iterator).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void timestampTypesParseTheirConfigNames() {
        assertThat(TimestampType.forName("LogAppendTime")).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(TimestampType.forName("createtime")).isEqualTo(TimestampType.CREATE_TIME);
        assertThatThrownBy(() -> TimestampType.forName("wallclock")).isInstanceOf(IllegalArgumentException.class);
    }
}
