package dev.partita.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.destination.PartitaTopic;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ForeignMessagesTest {

    /**
     * Another provider's message: a proxy answering the getters from maps, the body from
     * {@code body}, and counting {@code reset()} calls. Anything else is unsupported.
     */
    static final class Foreign {
        final Map<String, Object> headers = new HashMap<>();
        final Map<String, Object> properties = new LinkedHashMap<>();
        Object body;
        int position;
        int resets;

        <T extends Message> T as(Class<T> type) {
            return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> answer(method.getName(), args)));
        }

        private Object answer(String method, Object[] args) throws JMSException {
            switch (method) {
                case "getPropertyNames": return Collections.enumeration(properties.keySet());
                case "getObjectProperty": return properties.get((String) args[0]);
                case "getText": case "getObject":
                    return args == null ? body : ((Map<?, ?>) body).get(args[0]);
                case "getMapNames": return Collections.enumeration(((Map<?, ?>) body).keySet());
                case "reset":
                    position = 0;
                    resets++;
                    return null;
                case "readBytes": {
                    byte[] all = (byte[]) body;
                    byte[] target = (byte[]) args[0];
                    int n = Math.min(target.length, all.length - position);
                    if (n == 0) {
                        return -1;
                    }
                    System.arraycopy(all, position, target, 0, n);
                    position += n;
                    return n;
                }
                case "readObject": {
                    List<?> items = (List<?>) body;
                    if (position == items.size()) {
                        throw new MessageEOFException("end");
                    }
                    return items.get(position++);
                }
                case "getJMSCorrelationIDAsBytes": throw new JMSException("not supported by this provider");
                case "toString": return "Foreign" + headers;
                default:
                    if (method.startsWith("getJMS")) {
                        Object value = headers.get(method.substring(3));
                        return value != null ? value : defaultOf(method);
                    }
                    throw new UnsupportedOperationException(method);
            }
        }

        private static Object defaultOf(String getter) {
            return switch (getter) {
                case "getJMSTimestamp", "getJMSExpiration", "getJMSDeliveryTime" -> 0L;
                case "getJMSDeliveryMode" -> DeliveryMode.PERSISTENT;
                case "getJMSPriority" -> 4;
                case "getJMSRedelivered" -> false;
                default -> null;
            };
        }
    }

    @Test
    void headersAndPropertiesAreCopiedWithoutReceiverSetOnes() throws JMSException {
        Foreign foreign = new Foreign();
        Queue theirQueue = () -> "replies";
        Topic theirTopic = () -> "events";
        foreign.headers.put("JMSMessageID", "ID:theirs");
        foreign.headers.put("JMSTimestamp", 10L);
        foreign.headers.put("JMSCorrelationID", "c");
        foreign.headers.put("JMSReplyTo", theirQueue);
        foreign.headers.put("JMSDestination", theirTopic);
        foreign.headers.put("JMSType", "t");
        foreign.headers.put("JMSDeliveryMode", DeliveryMode.NON_PERSISTENT);
        foreign.headers.put("JMSPriority", 8);
        foreign.headers.put("JMSExpiration", 20L);
        foreign.headers.put("JMSDeliveryTime", 15L);
        foreign.properties.put("app", 1);
        foreign.properties.put("JMSXGroupID", "g");
        foreign.properties.put("JMSXDeliveryCount", 3);
        foreign.properties.put("JMSXUserID", "them");
        foreign.properties.put("JMS_Other_Flag", true);
        foreign.body = "text";

        PartitaMessage copy = ForeignMessages.copy(foreign.as(TextMessage.class));

        assertThat(copy).isInstanceOf(PartitaTextMessage.class);
        assertThat(((PartitaTextMessage) copy).getText()).isEqualTo("text");
        assertThat(copy.getJMSMessageID()).isEqualTo("ID:theirs");
        assertThat(copy.getJMSTimestamp()).isEqualTo(10L);
        assertThat(copy.getJMSCorrelationID()).isEqualTo("c");
        assertThat(copy.getJMSReplyTo()).isEqualTo(new PartitaQueue("replies"));
        assertThat(copy.getJMSDestination()).isEqualTo(new PartitaTopic("events"));
        assertThat(copy.getJMSType()).isEqualTo("t");
        assertThat(copy.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(copy.getJMSPriority()).isEqualTo(8);
        assertThat(copy.getJMSExpiration()).isEqualTo(20L);
        assertThat(copy.getJMSDeliveryTime()).isEqualTo(15L);
        assertThat(Collections.list(copy.getPropertyNames())).containsExactly("app", "JMSXGroupID", "JMS_Other_Flag");
        assertThat(MessageRecords.toRecord(copy).properties()).containsKeys("app", "JMSXGroupID", "JMS_Other_Flag");
    }

    @Test
    void eachBodyTypeIsCopied() throws JMSException {
        Foreign bytes = new Foreign();
        bytes.body = new byte[10_000];
        ((byte[]) bytes.body)[9_999] = 7;
        PartitaBytesMessage bytesCopy = (PartitaBytesMessage) ForeignMessages.copy(bytes.as(BytesMessage.class));
        bytesCopy.reset();
        assertThat(bytesCopy.getBodyLength()).isEqualTo(10_000);
        assertThat(bytesCopy.getBody(byte[].class)[9_999]).isEqualTo((byte) 7);
        assertThat(bytes.resets).as("reset before and after reading").isEqualTo(2);

        Foreign map = new Foreign();
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("i", 1);
        entries.put("c", 'c');
        entries.put("b", new byte[] {1});
        map.body = entries;
        PartitaMapMessage mapCopy = (PartitaMapMessage) ForeignMessages.copy(map.as(MapMessage.class));
        assertThat(Collections.list(mapCopy.getMapNames())).containsExactly("i", "c", "b");
        assertThat(mapCopy.getChar("c")).isEqualTo('c');
        assertThat(mapCopy.getBytes("b")).containsExactly(1);

        Foreign stream = new Foreign();
        stream.body = new ArrayList<>(java.util.Arrays.asList("s", null, 2L));
        PartitaStreamMessage streamCopy = (PartitaStreamMessage) ForeignMessages.copy(stream.as(StreamMessage.class));
        streamCopy.reset();
        assertThat(streamCopy.readString()).isEqualTo("s");
        assertThat(streamCopy.readObject()).isNull();
        assertThat(streamCopy.readLong()).isEqualTo(2L);

        Foreign object = new Foreign();
        object.body = new ArrayList<>(List.of(1, 2));
        assertThat(((PartitaObjectMessage) ForeignMessages.copy(object.as(ObjectMessage.class))).getObject())
                .isEqualTo(List.of(1, 2));

        assertThat(ForeignMessages.copy(new Foreign().as(Message.class)).getClass()).isEqualTo(PartitaMessage.class);
    }

    @Test
    void ourOwnMessagesAreNotCopied() throws JMSException {
        PartitaMessage ours = new PartitaTextMessage("x");
        assertThat(ForeignMessages.toPartita(ours)).isSameAs(ours);
        assertThat(ForeignMessages.toPartita(new Foreign().as(Message.class))).isNotNull();
    }

    @Test
    void aDestinationThatIsNeitherQueueNorTopicIsRefused() {
        Foreign foreign = new Foreign();
        foreign.headers.put("JMSReplyTo", new Destination() { });
        assertThatThrownBy(() -> ForeignMessages.copy(foreign.as(Message.class)))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("neither a Queue nor a Topic");
    }

    @Test
    void aPropertyOfAnUnsupportedTypeIsRefused() {
        Foreign foreign = new Foreign();
        foreign.properties.put("odd", List.of());
        assertThatThrownBy(() -> ForeignMessages.copy(foreign.as(Message.class)))
                .isInstanceOf(jakarta.jms.MessageFormatException.class).hasMessageContaining("odd");
    }
}
