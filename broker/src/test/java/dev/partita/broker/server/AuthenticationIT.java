package dev.partita.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.PartitaBroker;
import dev.partita.broker.RawClient;
import dev.partita.broker.TestBrokers;
import dev.partita.broker.server.auth.PasswordHasher;
import dev.partita.client.ClientConfig;
import dev.partita.client.PartitaClient;
import dev.partita.client.producer.Producer;
import dev.partita.client.producer.ProducerRecord;
import dev.partita.client.producer.RecordMetadata;
import dev.partita.protocol.auth.PlainCredentials;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.frame.ErrorResponseException;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiVersionsRequest;
import dev.partita.protocol.message.ApiVersionsResponse;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.MetadataRequest;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.SaslAuthenticateRequest;
import dev.partita.protocol.message.SaslAuthenticateResponse;
import dev.partita.protocol.message.SaslHandshakeRequest;
import dev.partita.protocol.message.SaslHandshakeResponse;
import dev.partita.protocol.message.TopicKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SASL PLAIN against a users file on a broker that refuses anonymous clients. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthenticationIT {

    @TempDir
    static Path dir;

    static PartitaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        Path users = dir.resolve("users.properties");
        Files.writeString(users, "alice=" + PasswordHasher.hash("s3cret".toCharArray()) + "\n");
        broker = TestBrokers.start(dir.resolve("data"), Map.of("allow.anonymous", "false", "users.file", users.toString()));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theRightPasswordOpensEveryApi() throws Exception {
        try (RawClient client = RawClient.connect(broker)) {
            SaslHandshakeResponse handshake = client.send(new SaslHandshakeRequest("PLAIN"));
            assertThat(handshake.error()).isEqualTo(Errors.NONE);
            assertThat(handshake.mechanisms()).containsExactly("PLAIN");
            SaslAuthenticateResponse auth = client.send(new SaslAuthenticateRequest(
                    new PlainCredentials("", "alice", "s3cret").encode()));
            assertThat(auth.error()).isEqualTo(Errors.NONE);
            MetadataResponse metadata = client.send(new MetadataRequest(List.of(), false));
            assertThat(metadata.brokers()).hasSize(1);
        }
    }

    @Test
    void theClientLibraryAuthenticatesWithItsCredentials() throws Exception {
        TopicKey topic = TopicKey.queue("secured");
        try (PartitaClient client = PartitaClient.create(ClientConfig.builder().bootstrapServers(broker.bootstrapServers())
                .username("alice").password("s3cret").requestTimeoutMs(15_000).build());
             Producer producer = client.newProducer()) {
            RecordMetadata sent = producer.send(ProducerRecord.of(topic, 0, null, "hi".getBytes(StandardCharsets.UTF_8)))
                    .get(20, TimeUnit.SECONDS);
            assertThat(sent.offset()).isZero();
        }
        try (PartitaClient intruder = PartitaClient.create(ClientConfig.builder().bootstrapServers(broker.bootstrapServers())
                .username("alice").password("wrong").requestTimeoutMs(15_000).build())) {
            assertThat(intruder.admin().metadata(List.of(topic))).failsWithin(20, TimeUnit.SECONDS)
                    .withThrowableThat().havingRootCause().isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(Errors.SASL_AUTHENTICATION_FAILED));
        }
    }

    @Test
    void anonymousRequestsAreRefusedButApiVersionsIsAnswered() throws Exception {
        try (RawClient client = RawClient.connect(broker)) {
            ApiVersionsResponse versions = client.send(new ApiVersionsRequest());
            assertThat(versions.apiKeys()).isNotEmpty();
            client.sendOnly(new MetadataRequest(List.of(), false));
            ErrorResponseException refused = client.readError(ApiKey.METADATA);
            assertThat(refused.error()).isEqualTo(Errors.SASL_AUTHENTICATION_FAILED);
        }
    }

    @Test
    void aWrongPasswordFailsAndClosesTheConnection() throws Exception {
        try (RawClient client = RawClient.connect(broker)) {
            assertThat(((SaslHandshakeResponse) client.send(new SaslHandshakeRequest("PLAIN"))).error()).isEqualTo(Errors.NONE);
            SaslAuthenticateResponse auth = client.send(new SaslAuthenticateRequest(
                    new PlainCredentials("", "alice", "guess").encode()));
            assertThat(auth.error()).isEqualTo(Errors.SASL_AUTHENTICATION_FAILED);
            assertThat(client.closedByPeer()).isTrue();
        }
    }

    @Test
    void requestsMidHandshakeAreInTheWrongState() throws Exception {
        try (RawClient client = RawClient.connect(broker)) {
            assertThat(((SaslHandshakeResponse) client.send(new SaslHandshakeRequest("PLAIN"))).error()).isEqualTo(Errors.NONE);
            client.sendOnly(new MetadataRequest(List.of(), false));
            assertThat(client.readError(ApiKey.METADATA).error()).isEqualTo(Errors.ILLEGAL_SASL_STATE);
            SaslHandshakeResponse again = client.send(new SaslHandshakeRequest("PLAIN"));
            assertThat(again.error()).isEqualTo(Errors.ILLEGAL_SASL_STATE);
        }
    }

    @Test
    void anUnknownMechanismIsRefusedWithTheOffer() throws Exception {
        try (RawClient client = RawClient.connect(broker)) {
            SaslHandshakeResponse handshake = client.send(new SaslHandshakeRequest("SCRAM-SHA-512"));
            assertThat(handshake.error()).isEqualTo(Errors.UNSUPPORTED_SASL_MECHANISM);
            assertThat(handshake.mechanisms()).containsExactly("PLAIN");
        }
    }
}
