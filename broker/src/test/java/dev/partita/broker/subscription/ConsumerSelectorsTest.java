package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.protocol.jms.JmsBodyType;
import dev.partita.protocol.jms.JmsRecord;
import dev.partita.protocol.jms.JmsRecordCodec;
import dev.partita.protocol.jms.JmsSender;
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
        selectors.put(connection, session, key, Selector.parse("color = 'red'"), false, null);
        MemoryRecords records = MemoryRecords.withRecords(CompressionType.NONE, message("red", 4), message("blue", 4));
        assertThat(selectors.filterFor(connection, session, key).over(records).test(0)).isTrue();
        assertThat(selectors.filterFor(connection, session, key).over(records).test(1)).isFalse();
        assertThat(selectors.filterFor(connection, UUID.randomUUID(), key)).as("another session").isNull();
        selectors.put(connection, session, key, null, false, null);
        assertThat(selectors.filterFor(connection, session, key)).isNull();
    }

    private static SimpleRecord sentBy(UUID connection, String clientId, String color) {
        JmsRecord message = new JmsRecord(JmsBodyType.BYTES, null, 1000, null, null, null, null,
                JmsRecord.PERSISTENT, 4, 0, 0, Map.of("color", color), new byte[0])
                .withSender(connection == null ? null : new JmsSender(connection, clientId));
        return JmsRecordCodec.DEFAULT.toRecord(message, 1000, null);
    }

    @Test
    void noLocalRejectsTheConsumersConnectionAndOnADurableSubscriptionItsClientId() throws Exception {
        ConsumerSelectors selectors = new ConsumerSelectors();
        UUID mine = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        MemoryRecords records = MemoryRecords.withRecords(CompressionType.NONE, sentBy(mine, "app", "red"),
                sentBy(other, null, "red"), sentBy(other, "app", "blue"), sentBy(null, null, "red"),
                new SimpleRecord(1000, null, "raw".getBytes(StandardCharsets.UTF_8)));

        StateKey topic = StateKeys.of(dev.partita.protocol.message.SubscriptionKey.privateTo(mine, 1), 0);
        selectors.put(mine, session, topic, null, true, null);
        java.util.function.LongPredicate nonDurable = selectors.filterFor(mine, session, topic).over(records);
        assertThat(java.util.stream.LongStream.range(0, 5).filter(nonDurable).boxed().toList())
                .as("only its own connection's record is rejected; a record naming no sender passes")
                .containsExactly(1L, 2L, 3L, 4L);

        StateKey durable = StateKeys.of(dev.partita.protocol.message.SubscriptionKey.durable("app", "sub"), 1);
        selectors.put(mine, session, durable, Selector.parse("color = 'red'"), true, "app");
        java.util.function.LongPredicate withClientId = selectors.filterFor(mine, session, durable).over(records);
        assertThat(java.util.stream.LongStream.range(0, 5).filter(withClientId).boxed().toList())
                .as("the same client ID on another connection is local too; the selector still applies")
                .containsExactly(1L, 3L);

        assertThat(ConsumerSelectors.isLocal(null, mine, "app")).isFalse();
        assertThat(ConsumerSelectors.isLocal(new JmsSender(other, null), mine, null)).isFalse();
        assertThat(ConsumerSelectors.isLocal(new JmsSender(other, "app"), mine, "app")).isTrue();
    }
}
