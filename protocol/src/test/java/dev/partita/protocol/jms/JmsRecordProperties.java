package dev.partita.protocol.jms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.record.SimpleRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any message the codec can carry comes back equal, through headers and through bodies. */
class JmsRecordProperties {

    @Property(tries = 300)
    void anyMessageRoundTrips(@ForAll("messages") JmsRecord message, @ForAll long sendTime) {
        SimpleRecord record = JmsRecordCodec.DEFAULT.toRecord(message, sendTime, null);
        assertThat(JmsRecordCodec.DEFAULT.decode(record.timestamp(), record.headers(), record.value()))
                .isEqualTo(message);
    }

    @Property(tries = 300)
    void anyStreamRoundTrips(@ForAll("bodyValueLists") List<Object> items) {
        List<Object> decoded = JmsBodyCodec.decodeStream(JmsBodyCodec.encodeStream(items), JmsCodecLimits.DEFAULT);
        assertThat(decoded).usingRecursiveComparison().isEqualTo(items);
    }

    @Provide
    Arbitrary<List<Object>> bodyValueLists() {
        return Arbitraries.oneOf(propertyValues(), Arbitraries.chars().map(c -> (Object) c),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(b -> (Object) b)).list().ofMaxSize(20);
    }

    private static Arbitrary<Object> propertyValues() {
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.bytes().map(b -> (Object) b),
                Arbitraries.shorts().map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.floats().map(f -> (Object) f),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s));
    }

    private static Arbitrary<String> names() {
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).filter(n -> !n.startsWith("JMS"));
    }

    private static Arbitrary<JmsDestination> destinations() {
        return Combinators.combine(Arbitraries.of(DestinationKind.class), Arbitraries.strings().ofMaxLength(20))
                .as(JmsDestination::new).injectNull(0.3);
    }

    @Provide
    Arbitrary<JmsRecord> messages() {
        Arbitrary<Map<String, Object>> properties = Arbitraries.maps(names(), propertyValues()).ofMaxSize(8)
                .map(LinkedHashMap::new);
        Arbitrary<Object> correlation = Arbitraries.oneOf(Arbitraries.just(null),
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(b -> (Object) b));
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<JmsBodyType> types = Arbitraries.of(JmsBodyType.class);
        Arbitrary<JmsRecord> headersAndBody = Combinators.combine(types, Arbitraries.strings().ofMaxLength(20)
                        .injectNull(0.2), Arbitraries.longs(), correlation, destinations(), destinations(),
                        Arbitraries.strings().ofMaxLength(10).injectNull(0.5), Arbitraries.of(1, 2))
                .as((type, id, timestamp, corr, destination, replyTo, jmsType, mode) ->
                        new JmsRecord(type, id, timestamp, corr, destination, replyTo, jmsType, mode, 4, 0L,
                                timestamp, Map.of(), null));
        return Combinators.combine(headersAndBody, Arbitraries.integers().between(0, 9), Arbitraries.longs(),
                Arbitraries.longs(), properties, body)
                .as((m, priority, expiration, deliveryTime, props, bytes) -> new JmsRecord(m.bodyType(),
                        m.messageId(), m.timestamp(), m.correlationId(), m.destination(), m.replyTo(), m.type(),
                        m.deliveryMode(), priority, expiration, deliveryTime, props,
                        m.bodyType() == JmsBodyType.MESSAGE ? null : bytes));
    }
}
