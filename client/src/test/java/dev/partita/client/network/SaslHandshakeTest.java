package dev.partita.client.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.client.FakeBroker;
import dev.partita.protocol.auth.PlainCredentials;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.MetadataRequest;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.SaslAuthenticateRequest;
import dev.partita.protocol.message.SaslAuthenticateResponse;
import dev.partita.protocol.message.SaslHandshakeRequest;
import dev.partita.protocol.message.SaslHandshakeResponse;
import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SaslHandshakeTest {

    private FakeBroker broker;
    private EventLoopGroup group;
    private NetworkClient network;

    @BeforeEach
    void setUp() {
        broker = FakeBroker.start();
        group = Transport.nio().newEventLoopGroup(1, "test-client-io-");
        broker.on(ApiKey.SASL_HANDSHAKE, ex -> ex.respond(new SaslHandshakeResponse(
                "PLAIN".equals(ex.request(SaslHandshakeRequest.class).mechanism()) ? Errors.NONE : Errors.UNSUPPORTED_SASL_MECHANISM,
                List.of("PLAIN"))));
        broker.on(ApiKey.SASL_AUTHENTICATE, ex -> {
            PlainCredentials credentials = PlainCredentials.decode(ex.request(SaslAuthenticateRequest.class).authBytes());
            boolean ok = credentials.username().equals("alice") && credentials.password().equals("secret");
            ex.respond(new SaslAuthenticateResponse(ok ? Errors.NONE : Errors.SASL_AUTHENTICATION_FAILED,
                    ok ? null : "bad password for " + credentials.username(), new byte[0], 0));
        });
        broker.on(ApiKey.METADATA, ex -> ex.respond(new MetadataResponse(List.of(), 7, List.of())));
    }

    @AfterEach
    void tearDown() {
        if (network != null) {
            network.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        broker.close();
    }

    private NetworkClient client(String user, String password) {
        network = new NetworkClient(new ConnectionSettings("test", 5_000, 2_000, 10, 100, 1 << 20, user, password),
                group, Transport.nio());
        return network;
    }

    @Test
    void withCredentialsTheConnectionAuthenticatesWithPlainBeforeOtherRequests() throws Exception {
        MetadataResponse response = client("alice", "secret")
                .send(broker.endpoint(), MetadataRequest.allTopics(), MetadataResponse.class).get(10, TimeUnit.SECONDS);
        assertThat(response.controllerId()).isEqualTo(7);
        assertThat(broker.log()).extracting(r -> r.header().apiKey()).containsExactly(
                ApiKey.API_VERSIONS, ApiKey.SASL_HANDSHAKE, ApiKey.SASL_AUTHENTICATE, ApiKey.METADATA);
    }

    @Test
    void aWrongPasswordFailsTheRequestWithAuthenticationFailedAndSendsNothingElse() {
        var future = client("alice", "wrong").send(broker.endpoint(), MetadataRequest.allTopics());
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ApiException.class).hasMessageContaining("bad password for alice")
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(Errors.SASL_AUTHENTICATION_FAILED))
                .satisfies(e -> assertThat(((ApiException) e).isRetriable()).isFalse());
        assertThat(broker.log()).extracting(r -> r.header().apiKey()).doesNotContain(ApiKey.METADATA);
    }

    @Test
    void withoutCredentialsNoSaslRequestIsSent() throws Exception {
        client(null, null).send(broker.endpoint(), MetadataRequest.allTopics()).get(10, TimeUnit.SECONDS);
        assertThat(broker.log()).extracting(r -> r.header().apiKey()).containsExactly(ApiKey.API_VERSIONS, ApiKey.METADATA);
    }
}
