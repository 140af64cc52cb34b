package dev.partita.provider.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.protocol.message.DeliveryRange;
import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import dev.partita.provider.message.PartitaTextMessage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The prefetch order (priority, then arrival) and the ranges acks and releases name. */
@Timeout(10)
class PrefetchBufferTest {

    private final AtomicLong sequence = new AtomicLong();

    private Delivery delivery(int partition, long offset, int priority, int count, int epoch) {
        return new Delivery(null, SubscriptionKey.queue("q"), 0, new TopicKey(DestinationKind.QUEUE, "q"), partition, offset,
                count, epoch, new PartitaTextMessage("m" + offset), priority, sequence.getAndIncrement());
    }

    @Test
    void higherPriorityFirstThenArrivalOrder() {
        PrefetchBuffer buffer = new PrefetchBuffer();
        buffer.add(delivery(0, 10, 4, 0, 0));
        buffer.add(delivery(1, 3, 4, 0, 0));
        buffer.add(delivery(0, 11, 9, 0, 0));
        buffer.add(delivery(0, 12, 4, 0, 0));
        buffer.add(delivery(1, 4, 0, 0, 0));

        assertThat(buffer.drain()).extracting(d -> d.partition() + ":" + d.offset())
                .containsExactly("0:11", "0:10", "1:3", "0:12", "1:4");
        assertThat(buffer.isEmpty()).isTrue();
    }

    @Test
    void removeStaleTakesOnlyThatPartitionsOlderEpoch() {
        PrefetchBuffer buffer = new PrefetchBuffer();
        buffer.add(delivery(0, 1, 4, 0, 1));
        buffer.add(delivery(1, 1, 4, 0, 1));
        buffer.add(delivery(0, 2, 4, 0, 2));

        assertThat(buffer.removeStale(0, 2)).extracting(Delivery::offset).containsExactly(1L);
        assertThat(buffer.drain()).extracting(d -> d.partition() + ":" + d.offset()).containsExactly("1:1", "0:2");
    }

    @Test
    void rangesMergeConsecutiveOffsetsOfEqualCount() {
        List<Delivery> deliveries = List.of(delivery(0, 7, 4, 0, 0), delivery(0, 5, 4, 0, 0), delivery(0, 6, 4, 0, 0),
                delivery(0, 9, 4, 0, 0), delivery(0, 10, 4, 2, 0), delivery(0, 10, 4, 2, 0));

        assertThat(StateChanges.ranges(deliveries)).containsExactly(
                new DeliveryRange(5, 7, 0), new DeliveryRange(9, 9, 0), new DeliveryRange(10, 10, 2));
    }
}
