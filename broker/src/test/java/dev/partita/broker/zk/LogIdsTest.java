package dev.partita.broker.zk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.protocol.message.DestinationKind;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogIdsTest {

    @Test
    void idsAreShortFileSafeUniqueAndNameTheirKind() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String queue = LogIds.generate(DestinationKind.QUEUE);
            String topic = LogIds.generate(DestinationKind.TOPIC);
            assertThat(queue).startsWith("q").hasSize(13).matches("[a-z2-7]+");
            assertThat(topic).startsWith("t");
            assertThat(LogIds.isValid(queue)).isTrue();
            assertThat(seen.add(queue)).isTrue();
            assertThat(seen.add(topic)).isTrue();
        }
        assertThat(LogIds.isValid("x-1")).isFalse();
        assertThat(LogIds.isValid(null)).isFalse();
    }
}
