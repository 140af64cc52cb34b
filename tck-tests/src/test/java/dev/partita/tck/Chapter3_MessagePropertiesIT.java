package dev.partita.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.provider.message.PartitaMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Chapter 3.5: message properties: names, values, the conversion table, iteration, clearing, JMSX properties. */
@DisplayName("3.5 Message properties")
class Chapter3_MessagePropertiesIT extends TckTest {

    private Connection connection;
    private Session session;

    @BeforeEach
    void connect() throws Exception {
        connection = factory().createConnection();
        session = connection.createSession();
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @ParameterizedTest(name = "3.5.1 \"{0}\" is not a valid property name")
    @ValueSource(strings = {"", "1abc", "a-b", "a b", "NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE"})
    void invalidPropertyNamesAreRefused(String name) throws JMSException {
        Message message = session.createMessage();
        assertThatThrownBy(() -> message.setStringProperty(name, "v")).isInstanceOf(IllegalArgumentException.class);
        assertThat(names(message.getPropertyNames())).isEmpty();
    }

    @Test
    @DisplayName("3.5.1 a null property name is refused; names are case sensitive; $ and _ may start a name")
    void propertyNamesFollowTheIdentifierRules() throws JMSException {
        Message message = session.createMessage();
        assertThatThrownBy(() -> message.setIntProperty(null, 1)).isInstanceOf(IllegalArgumentException.class);
        message.setIntProperty("Count", 1);
        message.setIntProperty("count", 2);
        message.setIntProperty("$dollar", 3);
        message.setIntProperty("_under", 4);
        assertThat(message.getIntProperty("Count")).isEqualTo(1);
        assertThat(message.getIntProperty("count")).isEqualTo(2);
        assertThat(message.getIntProperty("$dollar")).isEqualTo(3);
        assertThat(message.getIntProperty("_under")).isEqualTo(4);
    }

    @Test
    @DisplayName("3.5.2 property values of every type arrive as sent")
    void everyPropertyTypeSurvivesTheBroker() throws Exception {
        Queue queue = queue("p-types");
        Message message = session.createMessage();
        message.setBooleanProperty("bool", true);
        message.setByteProperty("byte", (byte) -7);
        message.setShortProperty("short", (short) 300);
        message.setIntProperty("int", 70_000);
        message.setLongProperty("long", 1L << 40);
        message.setFloatProperty("float", 1.25f);
        message.setDoubleProperty("double", -2.5e100);
        message.setStringProperty("string", "héllo");
        message.setObjectProperty("object", 42);
        session.createProducer(queue).send(message);
        PartitaMessage stored = stored(queue, 1).get(0).message();
        assertThat(stored.getBooleanProperty("bool")).isTrue();
        assertThat(stored.getByteProperty("byte")).isEqualTo((byte) -7);
        assertThat(stored.getShortProperty("short")).isEqualTo((short) 300);
        assertThat(stored.getIntProperty("int")).isEqualTo(70_000);
        assertThat(stored.getLongProperty("long")).isEqualTo(1L << 40);
        assertThat(stored.getFloatProperty("float")).isEqualTo(1.25f);
        assertThat(stored.getDoubleProperty("double")).isEqualTo(-2.5e100);
        assertThat(stored.getStringProperty("string")).isEqualTo("héllo");
        assertThat(stored.getObjectProperty("object")).isEqualTo(42);
    }

    @Test
    @DisplayName("3.5.4 the conversion table: allowed widenings and string conversions succeed")
    void allowedConversionsSucceed() throws JMSException {
        Message message = session.createMessage();
        message.setByteProperty("b", (byte) 5);
        message.setIntProperty("i", 12);
        message.setFloatProperty("f", 1.5f);
        message.setStringProperty("s", "34");
        message.setStringProperty("t", "true");
        message.setBooleanProperty("z", true);
        assertThat(message.getShortProperty("b")).isEqualTo((short) 5);
        assertThat(message.getLongProperty("b")).isEqualTo(5L);
        assertThat(message.getLongProperty("i")).isEqualTo(12L);
        assertThat(message.getStringProperty("i")).isEqualTo("12");
        assertThat(message.getDoubleProperty("f")).isEqualTo(1.5);
        assertThat(message.getIntProperty("s")).isEqualTo(34);
        assertThat(message.getDoubleProperty("s")).isEqualTo(34.0);
        assertThat(message.getBooleanProperty("t")).isTrue();
        assertThat(message.getStringProperty("z")).isEqualTo("true");
    }

    @Test
    @DisplayName("3.5.4 the conversion table: a refused cell is a MessageFormatException")
    void refusedConversionsThrowMessageFormatException() throws JMSException {
        Message message = session.createMessage();
        message.setIntProperty("i", 12);
        message.setBooleanProperty("z", true);
        message.setDoubleProperty("d", 1.5);
        message.setLongProperty("l", 3L);
        assertThatThrownBy(() -> message.getBooleanProperty("i")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getShortProperty("i")).as("no narrowing").isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getIntProperty("z")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getLongProperty("d")).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.getFloatProperty("l")).isInstanceOf(MessageFormatException.class);
    }

    @Test
    @DisplayName("3.5.4 a string that does not parse as the asked number is a NumberFormatException")
    void unparsableStringsThrowNumberFormatException() throws JMSException {
        Message message = session.createMessage();
        message.setStringProperty("s", "twelve");
        assertThatThrownBy(() -> message.getIntProperty("s")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getDoubleProperty("s")).isInstanceOf(NumberFormatException.class);
        assertThat(message.getBooleanProperty("s")).as("Boolean.valueOf rules").isFalse();
    }

    @Test
    @DisplayName("3.5.5 setObjectProperty takes only the objectified primitive types and String; getObjectProperty returns them")
    void objectPropertiesAreTheObjectifiedPrimitives() throws JMSException {
        Message message = session.createMessage();
        message.setObjectProperty("i", 7);
        message.setObjectProperty("s", "x");
        message.setObjectProperty("d", 2.0);
        message.setIntProperty("n", 9);
        assertThat(message.getObjectProperty("i")).isInstanceOf(Integer.class).isEqualTo(7);
        assertThat(message.getObjectProperty("n")).isInstanceOf(Integer.class).isEqualTo(9);
        assertThat(message.getObjectProperty("d")).isInstanceOf(Double.class);
        assertThat(message.getLongProperty("i")).as("converted as the primitive").isEqualTo(7L);
        assertThatThrownBy(() -> message.setObjectProperty("o", new ArrayList<>())).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> message.setObjectProperty("a", new byte[] {1})).isInstanceOf(MessageFormatException.class);
    }

    @Test
    @DisplayName("3.5.6 getPropertyNames enumerates every property name (and no header field)")
    void propertyIteration() throws JMSException {
        Message message = session.createMessage();
        message.setJMSType("t");
        message.setIntProperty("a", 1);
        message.setStringProperty("b", "2");
        message.setBooleanProperty("c", true);
        List<Object> names = names(message.getPropertyNames());
        assertThat(names).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    @DisplayName("3.5.7 clearProperties removes every property and leaves the header fields and body")
    void clearingProperties() throws JMSException {
        Message message = session.createTextMessage("body");
        message.setJMSType("kept");
        message.setIntProperty("a", 1);
        message.clearProperties();
        assertThat(message.propertyExists("a")).isFalse();
        assertThat(names(message.getPropertyNames())).isEmpty();
        assertThat(message.getJMSType()).isEqualTo("kept");
        assertThat(message.getBody(String.class)).isEqualTo("body");
    }

    @Test
    @DisplayName("3.5.8 a missing property reads as null (String, Object), false (boolean), or NumberFormatException/NullPointerException for numbers")
    void missingProperties() throws JMSException {
        Message message = session.createMessage();
        assertThat(message.propertyExists("missing")).isFalse();
        assertThat(message.getStringProperty("missing")).isNull();
        assertThat(message.getObjectProperty("missing")).isNull();
        assertThat(message.getBooleanProperty("missing")).isFalse();
        assertThatThrownBy(() -> message.getIntProperty("missing")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getLongProperty("missing")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> message.getDoubleProperty("missing")).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("3.5.9 ConnectionMetaData lists the supported JMSX properties, JMSXDeliveryCount among them; JMSXGroupID/Seq arrive as set")
    void jmsxProperties() throws Exception {
        ConnectionMetaData metaData = connection.getMetaData();
        List<Object> names = names(metaData.getJMSXPropertyNames());
        assertThat(names).contains("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq");
        Queue queue = queue("p-jmsx");
        Message message = session.createMessage();
        message.setStringProperty("JMSXGroupID", "basket-1");
        message.setIntProperty("JMSXGroupSeq", 3);
        session.createProducer(queue).send(message);
        PartitaMessage stored = stored(queue, 1).get(0).message();
        assertThat(stored.getStringProperty("JMSXGroupID")).isEqualTo("basket-1");
        assertThat(stored.getIntProperty("JMSXGroupSeq")).isEqualTo(3);
    }

    @Test
    @DisplayName("3.5.9 names starting JMS other than the JMSX and JMS_<vendor>_ ones are reserved")
    void reservedJmsPrefix() throws JMSException {
        Message message = session.createMessage();
        assertThatThrownBy(() -> message.setStringProperty("JMSFoo", "x")).isInstanceOf(IllegalArgumentException.class);
        message.setStringProperty("JMS_Acme_Trace", "x");
        assertThat(message.getStringProperty("JMS_Acme_Trace")).isEqualTo("x");
    }

    @Test
    @DisplayName("3.9 after send the client may change and resend its message; what was sent is not affected")
    void aSentMessageMayBeChangedAndResent() throws Exception {
        Queue queue = queue("p-resend");
        MessageProducer producer = session.createProducer(queue);
        Message message = session.createMessage();
        message.setIntProperty("n", 1);
        producer.send(message);
        String firstId = message.getJMSMessageID();
        message.setIntProperty("n", 2);
        producer.send(message);
        assertThat(message.getJMSMessageID()).isNotEqualTo(firstId);
        assertThat(stored(queue, 2)).extracting(s -> s.message().getIntProperty("n")).containsExactly(1, 2);
    }

    @Test
    @DisplayName("3.10 a received message's properties are read-only until clearProperties")
    void receivedPropertiesAreReadOnly() throws Exception {
        Queue queue = queue("p-ro");
        Message message = session.createMessage();
        message.setIntProperty("n", 1);
        session.createProducer(queue).send(message);
        PartitaMessage received = stored(queue, 1).get(0).message();
        assertThatThrownBy(() -> received.setIntProperty("n", 2)).isInstanceOf(MessageNotWriteableException.class);
        assertThatThrownBy(() -> received.setStringProperty("other", "x")).isInstanceOf(MessageNotWriteableException.class);
        received.clearProperties();
        received.setIntProperty("n", 3);
        assertThat(received.getIntProperty("n")).isEqualTo(3);
    }
}
