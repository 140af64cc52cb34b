package dev.partita.broker.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.message.TopicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZkCodecTest {

    @Test
    void brokerRegistrationRoundTrips() {
        BrokerRegistration broker = new BrokerRegistration(4, "host-a", 7676, null);
        assertThat(ZkCodec.decodeBroker(ZkCodec.encode(broker))).isEqualTo(broker);
        BrokerRegistration racked = new BrokerRegistration(5, "h", 1, "rack-1");
        assertThat(ZkCodec.decodeBroker(ZkCodec.encode(racked))).isEqualTo(racked);
    }

    @Test
    void topicInfoRoundTripsWithOddNamesAndConfigs() {
        TopicInfo topic = new TopicInfo(TopicKey.topic("prices/€ 1"), "tabcdefghijkl", 12, (short) 3,
                Map.of("flush.policy", "per-batch", "retention.ms", "1000"));
        assertThat(ZkCodec.decodeTopic(ZkCodec.encode(topic))).isEqualTo(topic);
    }

    @Test
    void partitionStateRoundTripsAndTakesTheNodeVersion() {
        PartitionState state = new PartitionState(List.of(1, 2, 3), 2, 7, List.of(2, 3), 4, -1);
        assertThat(ZkCodec.decodePartitionState(ZkCodec.encode(state), 9)).isEqualTo(state.withZkVersion(9));
    }

    @Test
    void controllerEpochRoundTrips() {
        ZkCodec.ControllerEpoch epoch = new ZkCodec.ControllerEpoch(12, 3);
        assertThat(ZkCodec.decodeControllerEpoch(ZkCodec.encode(epoch))).isEqualTo(epoch);
    }

    @Test
    void aLaterVersionWithAppendedFieldsIsStillRead() {
        byte[] v1 = ZkCodec.encode(new BrokerRegistration(1, "h", 2, "r"));
        byte[] v2 = Arrays.copyOf(v1, v1.length + 5);
        v2[0] = 2; // a future format: same fields first, more after them
        assertThat(ZkCodec.decodeBroker(v2)).isEqualTo(new BrokerRegistration(1, "h", 2, "r"));
    }

    @Test
    void malformedValuesFailWithATypedError() {
        byte[] state = ZkCodec.encode(new PartitionState(List.of(1), 1, 0, List.of(1), 1, -1));
        assertThatThrownBy(() -> ZkCodec.decodePartitionState(Arrays.copyOf(state, state.length - 2), 0))
                .isInstanceOf(CoordinationException.class).hasMessageContaining("partition state");
        assertThatThrownBy(() -> ZkCodec.decodeBroker(new byte[0])).isInstanceOf(CoordinationException.class);
        assertThatThrownBy(() -> ZkCodec.decodeBroker(new byte[] {0, 1})).isInstanceOf(CoordinationException.class);
        byte[] hugeCount = ZkCodec.encode(new PartitionState(List.of(), 1, 0, List.of(), 1, -1));
        hugeCount[13] = 0x7F; // replica count's high byte: a count far beyond the value's size
        assertThatThrownBy(() -> ZkCodec.decodePartitionState(hugeCount, 0)).isInstanceOf(CoordinationException.class);
    }
}
