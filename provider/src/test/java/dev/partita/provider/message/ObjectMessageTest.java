package dev.partita.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.jms.JmsCodecLimits;
import dev.partita.provider.destination.PartitaQueue;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ObjectMessageTest {

    /** Set when {@link Tripwire#readObject} runs: it must never run for a refused class. */
    static final AtomicBoolean TRIPPED = new AtomicBoolean();

    /** A class outside the default allowlist whose deserialization has a visible side effect. */
    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            TRIPPED.set(true);
            in.defaultReadObject();
        }
    }

    /** An allowed container holding a refused class deep inside. */
    private static HashMap<String, Object> nested(Object inner) {
        HashMap<String, Object> map = new HashMap<>();
        List<Object> list = new ArrayList<>();
        list.add(inner);
        map.put("list", list);
        return map;
    }

    private static PartitaObjectMessage receivedWith(Serializable object, ObjectMessageAllowlist allowlist)
            throws JMSException {
        PartitaObjectMessage sent = new PartitaObjectMessage();
        sent.setObject(object);
        return (PartitaObjectMessage) MessageRecords.received(MessageRecords.toRecord(sent), new PartitaQueue("q"), 1,
                allowlist, JmsCodecLimits.DEFAULT);
    }

    @Test
    void jdkValueAndCollectionTypesPassTheDefaultAllowlist() throws JMSException {
        HashMap<String, Object> map = new HashMap<>();
        map.put("when", Instant.ofEpochSecond(5));
        map.put("amount", new BigDecimal("12.50"));
        map.put("list", new ArrayList<>(List.of(1, "two", new int[] {3})));
        PartitaObjectMessage received = receivedWith(map, ObjectMessageAllowlist.DEFAULT);
        assertThat(received.getObject()).usingRecursiveComparison().isEqualTo(map);
        assertThat(received.getObject()).as("a fresh copy per call").isNotSameAs(received.getObject());
    }

    @Test
    void aClassOutsideTheAllowlistIsRefusedWithoutRunningItsReadObject() throws JMSException {
        TRIPPED.set(false);
        PartitaObjectMessage received = receivedWith(nested(new Tripwire()), ObjectMessageAllowlist.DEFAULT);
        assertThatThrownBy(received::getObject)
                .isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("class " + Tripwire.class.getName() + " is not in the allowlist")
                .hasMessageContaining("java.util");
        assertThatThrownBy(() -> received.getBody(Object.class)).isInstanceOf(MessageFormatException.class);
        assertThatThrownBy(() -> received.isBodyAssignableTo(Object.class)).isInstanceOf(MessageFormatException.class);
        assertThat(TRIPPED).as("readObject of the refused class ran").isFalse();
    }

    @Test
    void anAllowedPackageOrStarLetsTheClassThrough() throws JMSException {
        TRIPPED.set(false);
        PartitaObjectMessage received = receivedWith(new Tripwire(),
                ObjectMessageAllowlist.defaultsPlus(List.of("dev.partita.provider")));
        assertThat(received.getObject()).isInstanceOf(Tripwire.class);
        assertThat(TRIPPED).isTrue();
        TRIPPED.set(false);
        assertThat(receivedWith(new Tripwire(), ObjectMessageAllowlist.ALLOW_ALL).getObject())
                .isInstanceOf(Tripwire.class);
    }

    @Test
    void aPackageEntryDoesNotAllowAPackageThatOnlySharesItsPrefix() {
        ObjectMessageAllowlist list = ObjectMessageAllowlist.parse("java.util, com.example");
        assertThat(list.allows(ArrayList.class)).isTrue();
        assertThat(list.allows(java.util.concurrent.ConcurrentHashMap.class)).as("subpackage").isTrue();
        assertThat(list.allows(String.class)).isFalse();
        assertThat(list.allows(String[][].class)).isFalse();
        assertThat(list.allows(int[].class)).isTrue();
        assertThat(ObjectMessageAllowlist.parse("java.uti").allows(ArrayList.class)).isFalse();
        assertThatThrownBy(() -> ObjectMessageAllowlist.parse("java.,x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theObjectIsSerializedWhenSetSoLaterChangesAreNotSent() throws JMSException {
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        PartitaObjectMessage message = new PartitaObjectMessage();
        message.setObject(list);
        list.add("b");
        assertThat(message.getObject()).isEqualTo(List.of("a"));
    }

    @Test
    void anUnserializableGraphIsAMessageFormatException() {
        ArrayList<Object> list = new ArrayList<>();
        list.add(new Object());
        assertThatThrownBy(() -> new PartitaObjectMessage().setObject(list))
                .isInstanceOf(MessageFormatException.class).hasMessageContaining("cannot serialize");
    }

    @Test
    void garbageBytesAreAMessageFormatException() throws JMSException {
        PartitaObjectMessage message = new PartitaObjectMessage();
        message.setSerializedForm(new byte[] {1, 2, 3});
        assertThatThrownBy(message::getObject).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("cannot deserialize");
    }
}
