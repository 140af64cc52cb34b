package dev.partita.protocol.jms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.protocol.record.CompressionType;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.MemoryRecordsBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a plain Kafka client sees of a JMS record: the body as it is, the JMS fields as headers. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JmsRecordKafkaReadTest {

    @Test
    void kafkaClientsReadTheBodyAsItIsAndTheHeadersByName() {
        JmsRecord text = JmsRecordCodecTest.everyField("corr");
        MemoryRecords ours = MemoryRecordsBuilder.builder().compression(CompressionType.GZIP)
                .append(JmsRecordCodec.DEFAULT.toRecord(text, 5L, null))
                .build();

        org.apache.kafka.common.record.internal.MemoryRecords kafka =
                org.apache.kafka.common.record.internal.MemoryRecords.readableRecords(ours.buffer().duplicate());
        MutableRecordBatch batch = kafka.batches().iterator().next();
        batch.ensureValid();
        Record record = batch.iterator().next();

        ByteBuffer value = record.value();
        assertThat(StandardCharsets.UTF_8.decode(value).toString()).isEqualTo("body");
        assertThat(record.timestamp()).isEqualTo(1_000L);
        List<String> keys = new ArrayList<>();
        for (org.apache.kafka.common.header.Header header : record.headers()) {
            keys.add(header.key());
        }
        assertThat(keys).contains("JMS_Partita_BodyType", "JMSMessageID", "JMSCorrelationID", "JMSPriority",
                "aString", "JMSXGroupID");
        org.apache.kafka.common.header.Header id = null;
        for (org.apache.kafka.common.header.Header header : record.headers()) {
            if (header.key().equals("JMSMessageID")) {
                id = header;
            }
        }
        assertThat(id).isNotNull();
        assertThat(id.value()[0]).as("STRING tag").isEqualTo(JmsValueTag.STRING.code());
        assertThat(new String(id.value(), 1, id.value().length - 1, StandardCharsets.UTF_8)).isEqualTo("ID:abc-1");
    }
}
