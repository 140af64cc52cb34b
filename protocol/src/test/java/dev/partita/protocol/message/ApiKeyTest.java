package dev.partita.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ApiKeyTest {

    @Test
    void idsAreStable() {
        assertThat(ApiKey.API_VERSIONS.id()).isEqualTo((short) 0);
        assertThat(ApiKey.METADATA.id()).isEqualTo((short) 1);
        assertThat(ApiKey.CREATE_TOPICS.id()).isEqualTo((short) 2);
        assertThat(ApiKey.DELETE_TOPICS.id()).isEqualTo((short) 3);
        assertThat(ApiKey.PRODUCE.id()).isEqualTo((short) 4);
        assertThat(ApiKey.FETCH.id()).isEqualTo((short) 5);
        assertThat(ApiKey.LIST_OFFSETS.id()).isEqualTo((short) 6);
        assertThat(ApiKey.SASL_HANDSHAKE.id()).isEqualTo((short) 7);
        assertThat(ApiKey.SASL_AUTHENTICATE.id()).isEqualTo((short) 8);
        assertThat(ApiKey.CLIENT_ID_CLAIM.id()).isEqualTo((short) 9);
        assertThat(ApiKey.CLIENT_ID_RELEASE.id()).isEqualTo((short) 10);
        assertThat(ApiKey.SUBSCRIBE.id()).isEqualTo((short) 11);
        assertThat(ApiKey.SESSION_HEARTBEAT.id()).isEqualTo((short) 12);
        assertThat(ApiKey.ACQUIRE.id()).isEqualTo((short) 13);
        assertThat(ApiKey.ACKNOWLEDGE.id()).isEqualTo((short) 14);
        assertThat(ApiKey.RELEASE.id()).isEqualTo((short) 15);
        assertThat(ApiKey.UNSUBSCRIBE.id()).isEqualTo((short) 16);
        assertThat(ApiKey.BROWSE.id()).isEqualTo((short) 17);
        assertThat(ApiKey.DESCRIBE_SUBSCRIPTIONS.id()).isEqualTo((short) 18);
        assertThat(ApiKey.TEMPORARY_CREATE.id()).isEqualTo((short) 19);
        assertThat(ApiKey.TEMPORARY_DELETE.id()).isEqualTo((short) 20);
    }

    @Test
    void forIdFindsKnownKeysOnly() {
        for (ApiKey key : ApiKey.values()) {
            assertThat(ApiKey.forId(key.id())).contains(key);
            assertThat(key.isVersionSupported(key.minVersion())).isTrue();
            assertThat(key.isVersionSupported((short) (key.maxVersion() + 1))).isFalse();
            assertThat(key.isVersionSupported((short) -1)).isFalse();
        }
        assertThat(ApiKey.forId((short) -1)).isEmpty();
        assertThat(ApiKey.forId((short) 21)).isEmpty();
        assertThat(ApiKey.forId(Short.MAX_VALUE)).isEmpty();
    }

    @Test
    void apiVersionsOfThisBuildListEveryKey() {
        ApiVersionsResponse versions = ApiVersionsResponse.ofThisBuild();
        for (ApiKey key : ApiKey.values()) {
            assertThat(versions.find(key)).hasValueSatisfying(v -> {
                assertThat(v.minVersion()).isEqualTo(key.minVersion());
                assertThat(v.maxVersion()).isEqualTo(key.maxVersion());
            });
        }
    }

    @Test
    void enumCodesRoundTrip() {
        for (DestinationKind kind : DestinationKind.values()) {
            assertThat(DestinationKind.forCode(kind.code())).contains(kind);
        }
        for (Acks acks : Acks.values()) {
            assertThat(Acks.forCode(acks.code())).contains(acks);
        }
        for (IsolationLevel level : IsolationLevel.values()) {
            assertThat(IsolationLevel.forCode(level.code())).contains(level);
        }
        assertThat(DestinationKind.forCode((byte) 0)).isEmpty();
        assertThat(Acks.ALL.code()).isEqualTo((short) -1);
        assertThat(Acks.forCode((short) 2)).isEmpty();
        assertThat(IsolationLevel.forCode((byte) 2)).isEmpty();
    }

    @Test
    void queueAndTopicOfTheSameNameAreDifferentKeys() {
        assertThat(TopicKey.queue("orders")).isNotEqualTo(TopicKey.topic("orders"));
        assertThat(TopicKey.queue("orders")).isEqualTo(new TopicKey(DestinationKind.QUEUE, "orders"));
    }
}
