package dev.partita.provider.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.protocol.jms.JmsCodecLimits;
import dev.partita.protocol.jms.JmsRecordCodec;
import dev.partita.protocol.record.SimpleRecord;
import dev.partita.provider.destination.PartitaQueue;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the application puts in properties, maps and streams comes out of a received message. */
class MessageModelProperties {

    private static PartitaMessage sendAndReceive(PartitaMessage sent) throws JMSException {
        SimpleRecord record = JmsRecordCodec.DEFAULT.toRecord(MessageRecords.toRecord(sent), 1L, null);
        return MessageRecords.received(JmsRecordCodec.DEFAULT.decode(record.timestamp(), record.headers(),
                record.value()), new PartitaQueue("q"), 1, ObjectMessageAllowlist.DEFAULT, JmsCodecLimits.DEFAULT);
    }

    @Property(tries = 200)
    void propertiesSurviveSending(@ForAll("properties") Map<String, Object> properties) throws JMSException {
        PartitaMessage sent = new PartitaMessage();
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            sent.setObjectProperty(property.getKey(), property.getValue());
        }
        PartitaMessage received = sendAndReceive(sent);
        List<String> names = new ArrayList<>(Collections.list(received.getPropertyNames()));
        names.remove("JMSXDeliveryCount");
        assertThat(names).containsExactlyInAnyOrderElementsOf(properties.keySet());
        properties.forEach((name, value) -> assertThat(received.getObjectProperty(name)).isEqualTo(value));
    }

    @Property(tries = 200)
    void streamsSurviveSending(@ForAll("bodyValues") List<Object> items) throws JMSException {
        PartitaStreamMessage sent = new PartitaStreamMessage();
        for (Object item : items) {
            sent.writeObject(item);
        }
        PartitaStreamMessage received = (PartitaStreamMessage) sendAndReceive(sent);
        List<Object> read = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            read.add(received.readObject());
        }
        assertThat(read).usingRecursiveComparison().isEqualTo(items);
    }

    @Provide
    Arbitrary<Map<String, Object>> properties() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(10)
                .filter(n -> !List.of("not", "and", "between", "like", "escape", "null", "true", "false").contains(n));
        return Arbitraries.maps(names, propertyValues()).ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<Object>> bodyValues() {
        return Arbitraries.oneOf(propertyValues(), Arbitraries.chars().map(c -> (Object) c),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(10).map(b -> (Object) b)).list().ofMaxSize(15);
    }

    private static Arbitrary<Object> propertyValues() {
        return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.bytes().map(b -> (Object) b), Arbitraries.shorts().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.floats().map(f -> (Object) f), Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s));
    }
}
