package dev.partita.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Chapter 10: the standard exceptions, as the bad input of issue #3 provokes them (the exception
 * the spec names, a clear message, and the objects still usable afterwards), and the unchecked
 * twins the simplified API throws.
 */
@DisplayName("10 Exceptions")
class Chapter10_ExceptionsIT extends TckTest {

    @Test
    @DisplayName("10.2 InvalidDestinationException: an unknown destination when the client may not create it; the session goes on")
    void unknownDestinationWithoutAutoCreate() throws Exception {
        Queue existing = queue("x-existing");
        try (Connection creating = factory().createConnection()) {
            Session session = creating.createSession();
            session.createProducer(existing).send(session.createMessage()); // creates it
        }
        try (Connection connection = factory("autoCreate=false").createConnection()) {
            Session session = connection.createSession();
            Topic unknown = session.createTopic(unique("x-unknown"));
            assertThatThrownBy(() -> session.createProducer(unknown).send(session.createMessage()))
                    .isInstanceOf(InvalidDestinationException.class).hasMessageContaining(unknown.getTopicName());
            session.createProducer(existing).send(session.createTextMessage("after"));
        }
        assertThat(stored(existing, 2)).hasSize(2);
    }

    @Test
    @DisplayName("10.2 MessageFormatException: a message larger than allowed is refused and not stored; the producer goes on")
    void tooLargeMessage() throws Exception {
        Queue queue = queue("x-large");
        try (Connection connection = factory("maxMessageSize=10000").createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(queue);
            BytesMessage large = session.createBytesMessage();
            large.writeBytes(new byte[20_000]);
            assertThatThrownBy(() -> producer.send(large)).isInstanceOf(MessageFormatException.class);
            producer.send(session.createTextMessage("small"));
        }
        assertThat(stored(queue, 1)).hasSize(1).allSatisfy(s -> assertThat(s.message().getBody(String.class)).isEqualTo("small"));
    }

    @Test
    @DisplayName("10.1 a JMSException carries a message; the wrong property type on a message is a MessageFormatException")
    void exceptionsCarryAMessage() throws Exception {
        try (Connection connection = factory().createConnection()) {
            Message message = connection.createSession().createMessage();
            message.setStringProperty("s", "text");
            assertThatThrownBy(() -> message.getIntProperty("s")).isInstanceOf(NumberFormatException.class);
            message.setBooleanProperty("b", true);
            assertThatThrownBy(() -> message.getLongProperty("b")).isInstanceOf(MessageFormatException.class)
                    .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
        }
    }

    @Test
    @DisplayName("10.3 the simplified API throws the unchecked twin of each checked exception")
    void uncheckedTwins() throws Exception {
        ConnectionFactory factory = factory();
        assertThatThrownBy(() -> factory.createContext(SuiteBroker.USER, "wrong")).isInstanceOf(JMSSecurityRuntimeException.class);
        try (JMSContext context = factory.createContext()) {
            assertThatThrownBy(() -> context.createQueue("")).isInstanceOf(InvalidDestinationRuntimeException.class);
            assertThatThrownBy(() -> context.createProducer().send(null, "x")).isInstanceOf(InvalidDestinationRuntimeException.class);
            assertThatThrownBy(() -> context.createProducer().setProperty("o", new Object()))
                    .isInstanceOf(MessageFormatRuntimeException.class);
            assertThatThrownBy(context::commit).isInstanceOf(IllegalStateRuntimeException.class);
        }
        try (JMSContext context = factory("autoCreate=false").createContext()) {
            Topic unknown = context.createTopic(unique("x-unknown-ctx"));
            assertThatThrownBy(() -> context.createProducer().send(unknown, "x")).isInstanceOf(InvalidDestinationRuntimeException.class);
        }
    }
}
