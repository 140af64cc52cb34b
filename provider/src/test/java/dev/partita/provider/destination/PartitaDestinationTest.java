package dev.partita.provider.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PartitaDestinationTest {

    @Test
    void queuesAndTopicsAreValuesOfKindAndName() {
        assertThat(new PartitaQueue("a")).isEqualTo(new PartitaQueue("a")).hasSameHashCodeAs(new PartitaQueue("a"));
        assertThat(new PartitaQueue("a")).isNotEqualTo(new PartitaTopic("a")).isNotEqualTo(new PartitaQueue("b"));
        assertThat(new PartitaQueue("a").getQueueName()).isEqualTo("a");
        assertThat(new PartitaTopic("t").getTopicName()).isEqualTo("t");
        assertThat(new PartitaQueue("a")).hasToString("queue://a");
        assertThat(new PartitaTopic("t")).hasToString("topic://t");
    }

    @Test
    void namesMustHaveOneToAThousandBytes() {
        assertThatThrownBy(() -> new PartitaQueue("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartitaQueue("\u00e9".repeat(501))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1002");
        assertThat(new PartitaTopic("x".repeat(1000)).name()).hasSize(1000);
    }

    @Test
    void anotherProvidersQueueBecomesOursByName() throws JMSException {
        Queue theirs = () -> "q";
        assertThat(PartitaDestination.of(theirs)).isEqualTo(new PartitaQueue("q"));
        Queue empty = () -> "";
        assertThatThrownBy(() -> PartitaDestination.of(empty)).isInstanceOf(InvalidDestinationException.class);
        assertThat(PartitaDestination.of(null)).isNull();
    }
}
