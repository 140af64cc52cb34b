package dev.partita.protocol.jms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.protocol.message.DestinationKind;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A temporary destination in JMSDestination and JMSReplyTo comes back temporary; an ordinary one does not. */
@Timeout(10)
class TemporaryDestinationRecordTest {

    @Test
    void theTemporaryMarkSurvivesTheRecordForm() {
        JmsDestination tempQueue = new JmsDestination(DestinationKind.QUEUE, "partita-temporary-queue:0:x:1", true);
        JmsDestination tempTopic = new JmsDestination(DestinationKind.TOPIC, "t", true);
        JmsRecord sent = new JmsRecord(JmsBodyType.MESSAGE, "ID:1", 5L, null, tempTopic, tempQueue, null,
                JmsRecord.PERSISTENT, 4, 0, 0, Map.of(), null, null);
        JmsRecord received = JmsRecordCodec.DEFAULT.decode(5L, JmsRecordCodec.DEFAULT.encodeHeaders(sent, 5L), null);
        assertThat(received.replyTo()).isEqualTo(tempQueue);
        assertThat(received.destination()).isEqualTo(tempTopic);

        JmsRecord ordinary = new JmsRecord(JmsBodyType.MESSAGE, "ID:2", 5L, null, JmsDestination.queue("q"),
                JmsDestination.topic("r"), null, JmsRecord.PERSISTENT, 4, 0, 0, Map.of(), null, null);
        JmsRecord back = JmsRecordCodec.DEFAULT.decode(5L, JmsRecordCodec.DEFAULT.encodeHeaders(ordinary, 5L), null);
        assertThat(back.replyTo().temporary()).isFalse();
        assertThat(back.destination()).isEqualTo(JmsDestination.queue("q"));
    }
}
