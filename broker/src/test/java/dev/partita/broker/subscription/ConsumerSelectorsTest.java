package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.protocol.jms.JmsBodyType;
import dev.partita.protocol.jms.JmsRecord;
import dev.partita.protocol.jms.JmsRecordCodec;
import dev.partita.protocol.record.CompressionType;
import dev.partita.protocol.record.MemoryRecords;
import dev.partita.protocol.record.SimpleRecord;
import dev.partita.protocol.selector.Selector;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConsumerSelectorsTest {

    private static SimpleRecord message(String color, int priority) {
        JmsRecord message = new JmsRecord(JmsBodyType.BYTES, "ID:" + color, 1000, null, null, null, "kind-" + color,
                JmsRecord.PERSISTENT, priority, 0, 0, Map.of("color", color), new byte[0]);
        return JmsRecordCodec.DEFAULT.toRecord(message, 1000, null);
    }

    @Test
    void matchesPropertiesAndHeadersAndTakesAPlainRecordForAMessageWithoutProperties() throws Exception {
        MemoryRecords records = MemoryRecords.withRecords(CompressionType.NONE, message("red", 4), message("blue", 9),
                new SimpleRecord(1000, null, "raw".getBytes(StandardCharsets.UTF_8)), message("red", 9));
        assertThat(ConsumerSelectors.matching(Selector.parse("color = 'red'"), records)).containsExactlyInAnyOrder(0L, 3L);
        assertThat(ConsumerSelectors.matching(Selector.parse("JMSPriority > 5 AND JMSType LIKE 'kind-%'"), records))
                .containsExactlyInAnyOrder(1L, 3L);
        assertThat(ConsumerSelectors.matching(Selector.parse("color IS NULL"), records)).as("the plain record")
                .containsExactly(2L);
    }

    @Test
    void aSessionsLatestSubscribeDecidesAndNoSelectorMeansNoFilter() throws Exception {
        ConsumerSelectors selectors = new ConsumerSelectors();
        UUID connection = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        StateKey key = StateKeys.of(dev.partita.protocol.message.SubscriptionKey.queue("q"), 0);
        assertThat(selectors.filterFor(connection, session, key)).isNull();
        selectors.put(connection, session, key, Selector.parse("color = 'red'"));
        MemoryRecords records = MemoryRecords.withRecords(CompressionType.NONE, message("red", 4), message("blue", 4));
        assertThat(selectors.filterFor(connection, session, key).over(records).test(0)).isTrue();
        assertThat(selectors.filterFor(connection, session, key).over(records).test(1)).isFalse();
        assertThat(selectors.filterFor(connection, UUID.randomUUID(), key)).as("another session").isNull();
        selectors.put(connection, session, key, null);
        assertThat(selectors.filterFor(connection, session, key)).isNull();
    }
}
