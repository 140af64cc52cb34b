package dev.partita.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MessageValuesTest {

    @Test
    void listsAreCopiedSoLaterChangesDoNotLeakIn() {
        List<TopicKey> topics = new ArrayList<>(List.of(TopicKey.topic("a")));
        DeleteTopicsRequest request = new DeleteTopicsRequest(topics, 100);
        topics.add(TopicKey.topic("b"));

        assertThat(request.topics()).containsExactly(TopicKey.topic("a"));
        assertThatThrownBy(() -> request.topics().add(TopicKey.topic("c")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void metadataRequestKeepsNullAsAllTopics() {
        assertThat(MetadataRequest.allTopics().topics()).isNull();
        assertThat(new MetadataRequest(List.of(), false).topics()).isEmpty();
    }

    @Test
    void authBytesAreCopiedComparedByContentAndNeverPrinted() {
        byte[] secret = "\0alice\0s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SaslAuthenticateRequest request = new SaslAuthenticateRequest(secret);
        secret[1] = 'X';

        assertThat(request.authBytes()[1]).isEqualTo((byte) 'a');
        assertThat(request).isEqualTo(new SaslAuthenticateRequest("\0alice\0s3cret".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(request.toString()).doesNotContain("s3cret").contains("13 bytes");
        SaslAuthenticateResponse response = new SaslAuthenticateResponse(Errors.NONE, null, new byte[0], 0);
        assertThat(response).isEqualTo(new SaslAuthenticateResponse(Errors.NONE, null, new byte[0], 0))
                .hasSameHashCodeAs(new SaslAuthenticateResponse(Errors.NONE, null, new byte[0], 0));
    }

    @Test
    void requiredFieldsRejectNull() {
        assertThatThrownBy(() -> new TopicKey(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ProduceRequest(null, 0, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FetchResponse.PartitionFetchData(0, Errors.NONE, 0, 0, 0, null))
                .isInstanceOf(NullPointerException.class);
    }
}
