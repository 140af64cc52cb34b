package dev.partita.provider.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.broker.config.BrokerConfig;
import dev.partita.broker.server.auth.PasswordHasher;
import dev.partita.protocol.message.TopicKey;
import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.testing.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials checked by the broker's SASL PLAIN handshake against a users file, on a broker that
 * refuses anonymous clients and does not create destinations on first use.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuthenticationIT {

    @TempDir
    static Path dir;
    static TestBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        Path users = dir.resolve("users.properties");
        Files.writeString(users, "alice=" + PasswordHasher.hash("s3cret".toCharArray()) + "\n");
        broker = TestBroker.start(dir.resolve("data"), Map.of(BrokerConfig.ALLOW_ANONYMOUS, "false",
                BrokerConfig.USERS_FILE, users.toString(), BrokerConfig.AUTO_CREATE_TOPICS_ENABLE, "false"), "alice", "s3cret");
        broker.client().admin().createTopic(TopicKey.queue("secured"), 2, (short) 1, Map.of()).get();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theRightCredentialsConnectAndSend() throws Exception {
        PartitaConnectionFactory factory = new PartitaConnectionFactory(broker.url());
        try (Connection connection = factory.createConnection("alice", "s3cret")) {
            Session session = connection.createSession();
            session.createProducer(session.createQueue("secured")).send(session.createTextMessage("hi"));
        }
        try (Connection connection = new PartitaConnectionFactory(broker.url("user=alice&password=s3cret")).createConnection()) {
            connection.createSession().close();
        }
        try (JMSContext context = factory.createContext("alice", "s3cret")) {
            context.createProducer().send(context.createQueue("secured"), "hello");
        }
        assertThat(broker.readAll(new PartitaQueue("secured"), 2)).hasSize(2);
    }

    @Test
    void wrongCredentialsOrNoneFailInCreateConnection() {
        PartitaConnectionFactory factory = new PartitaConnectionFactory(broker.url());
        assertThatThrownBy(() -> factory.createConnection("alice", "wrong")).isInstanceOf(JMSSecurityException.class)
                .hasMessageContaining("authentication");
        assertThatThrownBy(() -> factory.createConnection("mallory", "s3cret")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> factory.createConnection("alice", null)).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(factory::createConnection).as("anonymous").isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> new PartitaConnectionFactory(broker.url("user=alice&password=nope")).createConnection())
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> factory.createContext("alice", "wrong")).isInstanceOf(JMSSecurityRuntimeException.class);
        assertThatThrownBy(() -> factory.createQueueConnection("alice", "wrong")).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void anUnknownDestinationOnABrokerWithoutAutoCreateIsInvalid() throws Exception {
        try (Connection connection = new PartitaConnectionFactory(broker.url()).createConnection("alice", "s3cret")) {
            Session session = connection.createSession();
            assertThatThrownBy(() -> session.createProducer(session.createTopic("unknown")).send(session.createTextMessage("x")))
                    .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("unknown");
            session.createProducer(session.createQueue("secured")).send(session.createTextMessage("after"));
        }
    }
}
