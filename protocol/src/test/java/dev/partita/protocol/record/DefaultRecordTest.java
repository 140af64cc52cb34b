package dev.partita.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** jqwik properties run without JUnit's timeout (jqwik ignores it); each {@code @Test} has its own. */
class DefaultRecordTest {

    /** The size computed up front must be exactly what is written, for any header key text. */
    @Property(tries = 300)
    void computedSizeIsTheWrittenSize(@ForAll int offsetDelta, @ForAll long timestampDelta,
                                      @ForAll @Size(max = 5) String[] headerKeys, @ForAll boolean nullKey) {
        Header[] headers = new Header[headerKeys.length];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = new Header(headerKeys[i], i % 2 == 0 ? null : new byte[i]);
        }
        ByteBuffer key = nullKey ? null : ByteBuffer.wrap(new byte[] {1, 2, 3});
        int size = DefaultRecord.sizeInBytes(offsetDelta, timestampDelta, key, ByteBuffer.allocate(7), headers);
        ByteBuffer out = ByteBuffer.allocate(size);
        int written = DefaultRecord.writeTo(out, offsetDelta, timestampDelta, key, ByteBuffer.allocate(7), headers);
        assertThat(written).isEqualTo(size);
        assertThat(out.hasRemaining()).isFalse();
    }

    @Property(tries = 300)
    void utf8LengthMatchesTheJdkEncoder(@ForAll String text) {
        assertThat(DefaultRecord.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void malformedHeaderKeyTextIsWrittenAsTheJdkEncodesIt() {
        MemoryRecords records = MemoryRecordsBuilder.builder()
                .append(1L, (byte[]) null, null, new Header("\uD800x\uDC00", null), new Header("\uD83D\uDE00", null))
                .build();
        Header[] headers = records.records().iterator().next().headers();
        assertThat(headers[0].key()).isEqualTo("?x?");
        assertThat(headers[1].key()).isEqualTo("\uD83D\uDE00");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void recordSizeCountsItsLengthPrefix() {
        MemoryRecords records = MemoryRecordsBuilder.builder().append(1L, null, new byte[100]).build();
        Record record = records.records().iterator().next();
        assertThat(record.sizeInBytes()).isEqualTo(records.sizeInBytes() - RecordBatch.HEADER_SIZE);
        assertThat(record.sizeInBytes()).isEqualTo(DefaultRecord.sizeInBytes(0, 0L, null, ByteBuffer.allocate(100),
                new Header[0]));
    }
}
