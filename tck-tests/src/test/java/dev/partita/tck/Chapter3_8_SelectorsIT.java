package dev.partita.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chapter 3.8: message selectors. Only their syntax is checked here: an invalid selector is refused
 * when the consumer is created, never at delivery; and a selector on a queue consumer chooses its messages.
 */
@DisplayName("3.8 Message selection")
class Chapter3_8_SelectorsIT extends TckTest {

    private Connection connection;
    private Session session;
    private Queue queue;

    @BeforeEach
    void connect() throws Exception {
        connection = factory().createConnection();
        session = connection.createSession();
        queue = queue("sel");
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @ParameterizedTest(name = "3.8.1.1 \"{0}\" is refused with InvalidSelectorException at creation")
    @ValueSource(strings = {
        "color = ",                    // missing operand
        "color = 'red",                // unterminated string
        "= 5",                         // missing identifier
        "a AND",                       // dangling operator
        "(a = 1",                      // unbalanced parenthesis
        "a BETWEEN 1",                 // BETWEEN without AND
        "a IN ()",                     // empty IN list
        "a IN (1, 2)",                 // IN takes string literals only
        "a LIKE 5",                    // LIKE takes a string pattern
        "a LIKE 'x' ESCAPE 'ab'",      // ESCAPE is one character
        "a IS 5",                      // IS takes NULL / NOT NULL
        "NULL = 1 AND",                // trailing operator
        "1 + ",                        // incomplete arithmetic
        "a == 1",                      // not an operator of the language
        "a = 1 b = 2",                 // two expressions
        "JMSDeliveryMode = 1 OR 'x'",  // string as a boolean operand
    })
    void invalidSelectorsAreRefusedAtCreation(String selector) {
        assertThatThrownBy(() -> session.createConsumer(queue, selector)).isInstanceOf(InvalidSelectorException.class);
    }

    @ParameterizedTest(name = "3.8.1.1 \"{0}\" is refused by JMSContext.createConsumer with InvalidSelectorRuntimeException")
    @ValueSource(strings = {"color = ", "(a = 1", "a LIKE 5"})
    void invalidSelectorsAreRefusedBySimplifiedApi(String selector) throws Exception {
        try (JMSContext context = factory().createContext()) {
            assertThatThrownBy(() -> context.createConsumer(queue, selector)).isInstanceOf(InvalidSelectorRuntimeException.class);
        }
    }

    @Test
    @DisplayName("3.8.1 a queue consumer gets only the messages its selector matches; the others stay for other consumers")
    void aSelectorChoosesMessagesOnAQueue() throws Exception {
        connection.start();
        MessageProducer producer = session.createProducer(queue);
        for (String color : new String[] {"red", "blue", "red", "green"}) {
            Message message = session.createTextMessage(color);
            message.setStringProperty("color", color);
            producer.send(message);
        }
        MessageConsumer reds = connection.createSession().createConsumer(queue, "color = 'red'");
        assertThat(Receiving.receive(reds, 2)).containsExactly("red", "red");
        assertThat(reds.receive(Receiving.ABSENT_MS)).isNull();
        MessageConsumer others = connection.createSession().createConsumer(queue, "color IN ('blue', 'green') AND color IS NOT NULL");
        assertThat(Receiving.receive(others, 2)).containsExactly("blue", "green");
    }
}
