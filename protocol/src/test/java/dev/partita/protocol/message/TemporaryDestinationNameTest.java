package dev.partita.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TemporaryDestinationNameTest {

    private static final UUID OWNER = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

    @Test
    void aNameParsesBackToWhatItNames() {
        TemporaryDestinationName queue = new TemporaryDestinationName(DestinationKind.QUEUE, 2, OWNER, 7);
        assertThat(queue.name()).isEqualTo("partita-temporary-queue:2:" + OWNER + ":7");
        assertThat(TemporaryDestinationName.parse(queue.name())).contains(queue);
        assertThat(TemporaryDestinationName.of(queue.topicKey())).contains(queue);
        assertThat(queue.internalTopic()).isEqualTo(TopicKey.topic("__partita.temporary.2"));
        assertThat(TemporaryDestinationName.isInternalTopic(queue.internalTopic())).isTrue();
        assertThat(queue.queueSubscription()).isEqualTo(SubscriptionKey.privateTo(OWNER, -7));
    }

    @Test
    void ordinaryNamesAndNonCanonicalSpellingsAreNotTemporary() {
        assertThat(TemporaryDestinationName.parse("orders")).isEmpty();
        assertThat(TemporaryDestinationName.parse("partita-temporary-queue:x")).isEmpty();
        assertThat(TemporaryDestinationName.parse("partita-temporary-queue:01:" + OWNER + ":7")).isEmpty();
        assertThat(TemporaryDestinationName.parse("partita-temporary-topic:0:" + OWNER + ":0")).isEmpty();
        assertThat(TemporaryDestinationName.parse("partita-temporary-topic:0:not-a-uuid:1")).isEmpty();
        String topicName = new TemporaryDestinationName(DestinationKind.TOPIC, 0, OWNER, 1).name();
        assertThat(TemporaryDestinationName.of(TopicKey.queue(topicName))).as("a queue key naming a temporary topic").isEmpty();
        assertThat(TemporaryDestinationName.isInternalTopic(TopicKey.queue("__partita.temporary.0"))).isFalse();
    }

    @Test
    void recordKeysDifferByKindOwnerAndSequence() {
        TemporaryDestinationName a = new TemporaryDestinationName(DestinationKind.QUEUE, 0, OWNER, 1);
        assertThat(a.recordKey()).hasSize(TemporaryDestinationName.RECORD_KEY_BYTES)
                .isNotEqualTo(new TemporaryDestinationName(DestinationKind.TOPIC, 0, OWNER, 1).recordKey())
                .isNotEqualTo(new TemporaryDestinationName(DestinationKind.QUEUE, 0, OWNER, 2).recordKey())
                .isNotEqualTo(new TemporaryDestinationName(DestinationKind.QUEUE, 0, UUID.randomUUID(), 1).recordKey())
                .isEqualTo(new TemporaryDestinationName(DestinationKind.QUEUE, 5, OWNER, 1).recordKey());
    }
}
