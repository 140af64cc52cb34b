package dev.partita.provider.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.destination.PartitaDestination;
import dev.partita.provider.destination.PartitaQueue;
import dev.partita.provider.message.PartitaBytesMessage;
import dev.partita.provider.message.PartitaMapMessage;
import dev.partita.provider.message.PartitaMessage;
import dev.partita.provider.message.PartitaObjectMessage;
import dev.partita.provider.message.PartitaStreamMessage;
import dev.partita.provider.message.PartitaTextMessage;
import dev.partita.provider.testing.ForeignTextMessage;
import dev.partita.provider.testing.TestBroker;
import dev.partita.provider.testing.TestBroker.Stored;
import dev.partita.protocol.message.TopicKey;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sends through the JMS API to a real broker and reads the stored records back with the low-level consumer. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SendIT {

    @TempDir
    static Path dir;
    static TestBroker broker;
    Connection connection;

    @BeforeAll
    static void startBroker() {
        broker = TestBroker.start(dir.resolve("data"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void connect() throws JMSException {
        connection = new PartitaConnectionFactory(broker.url()).createConnection();
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"queue", "topic"})
    void everyMessageTypeIsStoredAsSent(String kind) throws Exception {
        Session session = connection.createSession();
        Destination destination = kind.equals("queue") ? session.createQueue("types-q") : session.createTopic("types-t");
        Destination replyTo = session.createQueue("replies");
        MessageProducer producer = session.createProducer(destination);

        TextMessage text = session.createTextMessage("héllo");
        text.setStringProperty("name", "value");
        text.setIntProperty("count", 42);
        text.setBooleanProperty("flag", true);
        text.setDoubleProperty("ratio", 0.5);
        text.setStringProperty("JMSXGroupID", "group-1");
        text.setJMSCorrelationID("corr-1");
        text.setJMSType("greeting");
        text.setJMSReplyTo(replyTo);
        BytesMessage bytes = session.createBytesMessage();
        bytes.writeBytes(new byte[] {1, 2, 3});
        bytes.writeInt(7);
        MapMessage map = session.createMapMessage();
        map.setString("s", "x");
        map.setLong("l", 5L);
        map.setBytes("b", new byte[] {9});
        StreamMessage stream = session.createStreamMessage();
        stream.writeString("first");
        stream.writeDouble(1.5);
        Message object = session.createObjectMessage(new ArrayList<>(List.of(LocalDate.of(2026, 11, 30), "day")));
        Message plain = session.createMessage();
        plain.setLongProperty("only", 1L);
        List<Message> sent = List.of(text, bytes, map, stream, object, plain);

        long before = System.currentTimeMillis();
        for (Message message : sent) {
            producer.send(message);
        }
        long after = System.currentTimeMillis();

        List<Stored> stored = broker.readAll(PartitaDestination.of(destination), sent.size());
        assertThat(stored).hasSize(sent.size());
        assertThat(stored).extracting(Stored::partition).as("one session, one partition").containsOnly(stored.get(0).partition());
        for (int i = 0; i < sent.size(); i++) {
            Message original = sent.get(i);
            PartitaMessage received = stored.get(i).message();
            assertThat(original.getJMSMessageID()).startsWith("ID:");
            assertThat(received.getJMSMessageID()).isEqualTo(original.getJMSMessageID());
            assertThat(original.getJMSTimestamp()).isBetween(before, after);
            assertThat(received.getJMSTimestamp()).isEqualTo(original.getJMSTimestamp());
            assertThat(received.getJMSDestination()).isEqualTo(destination).isEqualTo(original.getJMSDestination());
            assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT).isEqualTo(original.getJMSDeliveryMode());
            assertThat(received.getJMSPriority()).isEqualTo(4);
            assertThat(received.getJMSExpiration()).isZero();
            assertThat(received.getJMSDeliveryTime()).isEqualTo(original.getJMSDeliveryTime());
        }
        assertThat(sent.stream().map(m -> {
            try {
                return m.getJMSMessageID();
            } catch (JMSException e) {
                throw new AssertionError(e);
            }
        }).distinct()).hasSize(sent.size());

        PartitaTextMessage receivedText = (PartitaTextMessage) stored.get(0).message();
        assertThat(receivedText.getText()).isEqualTo("héllo");
        assertThat(receivedText.getStringProperty("name")).isEqualTo("value");
        assertThat(receivedText.getIntProperty("count")).isEqualTo(42);
        assertThat(receivedText.getBooleanProperty("flag")).isTrue();
        assertThat(receivedText.getDoubleProperty("ratio")).isEqualTo(0.5);
        assertThat(receivedText.getStringProperty("JMSXGroupID")).isEqualTo("group-1");
        assertThat(receivedText.getJMSCorrelationID()).isEqualTo("corr-1");
        assertThat(receivedText.getJMSType()).isEqualTo("greeting");
        assertThat(receivedText.getJMSReplyTo()).isEqualTo(replyTo);

        PartitaBytesMessage receivedBytes = (PartitaBytesMessage) stored.get(1).message();
        assertThat(receivedBytes.getBody(byte[].class)).containsExactly(1, 2, 3, 0, 0, 0, 7);
        PartitaMapMessage receivedMap = (PartitaMapMessage) stored.get(2).message();
        assertThat(receivedMap.getString("s")).isEqualTo("x");
        assertThat(receivedMap.getLong("l")).isEqualTo(5L);
        assertThat(receivedMap.getBytes("b")).containsExactly(9);
        PartitaStreamMessage receivedStream = (PartitaStreamMessage) stored.get(3).message();
        assertThat(receivedStream.readString()).isEqualTo("first");
        assertThat(receivedStream.readDouble()).isEqualTo(1.5);
        PartitaObjectMessage receivedObject = (PartitaObjectMessage) stored.get(4).message();
        assertThat(receivedObject.getObject()).isEqualTo(List.of(LocalDate.of(2026, 11, 30), "day"));
        assertThat(stored.get(5).message().getClass()).isEqualTo(PartitaMessage.class);
        assertThat(stored.get(5).message().getLongProperty("only")).isEqualTo(1L);
    }

    @Test
    void eachSessionKeepsOnePartitionPerDestinationAndItsOrder() throws Exception {
        int sessions = 4;
        int perSession = 20;
        List<MessageProducer> producers = new ArrayList<>();
        PartitaQueue queue = new PartitaQueue("ordered");
        for (int s = 0; s < sessions; s++) {
            producers.add(connection.createSession().createProducer(queue));
        }
        for (int n = 0; n < perSession; n++) {
            for (int s = 0; s < sessions; s++) {
                Session session = connection.createSession(); // message factory only
                TextMessage message = session.createTextMessage("m");
                message.setIntProperty("session", s);
                message.setIntProperty("seq", n);
                producers.get(s).send(message);
                session.close();
            }
        }
        List<Stored> stored = broker.readAll(queue, sessions * perSession);
        Map<Integer, List<Stored>> bySession = stored.stream().collect(Collectors.groupingBy(st -> intProperty(st, "session")));
        assertThat(bySession).hasSize(sessions);
        Set<Integer> partitionsUsed = new java.util.HashSet<>();
        for (List<Stored> ofOne : bySession.values()) {
            assertThat(ofOne).extracting(Stored::partition).containsOnly(ofOne.get(0).partition());
            partitionsUsed.add(ofOne.get(0).partition());
            assertThat(ofOne).extracting(st -> intProperty(st, "seq")).isSorted().hasSize(perSession);
        }
        assertThat(partitionsUsed).as("the sessions of a connection spread round robin").hasSize(4);
    }

    private static int intProperty(Stored stored, String name) {
        try {
            return stored.message().getIntProperty(name);
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPersistentSendReturnsOnceTheBrokerStoredTheMessage() throws Exception {
        Session session = connection.createSession();
        PartitaQueue queue = new PartitaQueue("stored-on-return");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 1; i <= 10; i++) {
            // NON_PERSISTENT is acknowledged by the leader before it is durable, so only a
            // PERSISTENT send promises that it and everything before it can be read.
            boolean persistent = i % 2 == 0;
            producer.send(session.createTextMessage("m" + i), persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT, 4, 0);
            if (persistent) {
                int partition = ((dev.partita.provider.session.PartitaSession) session).sender().partitionOf(queue);
                long end = broker.client().admin().listOffset(TopicKey.queue("stored-on-return"), partition,
                        dev.partita.protocol.message.ListOffsetsRequest.LATEST_TIMESTAMP).get();
                assertThat(end).as("readable offsets after send " + i).isEqualTo(i);
            }
        }
    }

    @Test
    void perSendModePriorityTimeToLiveAndDisabledIdAndTimestamp() throws Exception {
        Session session = connection.createSession();
        PartitaQueue queue = new PartitaQueue("options");
        MessageProducer producer = session.createProducer(queue);
        producer.setDisableMessageID(true);
        producer.setDisableMessageTimestamp(true);
        TextMessage first = session.createTextMessage("a");
        long before = System.currentTimeMillis();
        producer.send(first, DeliveryMode.NON_PERSISTENT, 7, 60_000);
        long after = System.currentTimeMillis();
        producer.setDisableMessageID(false);
        producer.setDisableMessageTimestamp(false);
        producer.setPriority(9);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        producer.setTimeToLive(1_000);
        TextMessage second = session.createTextMessage("b");
        producer.send(second);

        assertThat(first.getJMSMessageID()).isNull();
        assertThat(first.getJMSTimestamp()).isZero();
        assertThat(first.getJMSExpiration()).isBetween(before + 60_000, after + 60_000);
        List<Stored> stored = broker.readAll(queue, 2);
        PartitaMessage a = stored.get(0).message();
        assertThat(a.getJMSMessageID()).isNull();
        assertThat(a.getJMSTimestamp()).isZero();
        assertThat(a.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(a.getJMSPriority()).isEqualTo(7);
        assertThat(a.getJMSExpiration()).isEqualTo(first.getJMSExpiration());
        PartitaMessage b = stored.get(1).message();
        assertThat(b.getJMSMessageID()).isEqualTo(second.getJMSMessageID()).startsWith("ID:");
        assertThat(b.getJMSPriority()).isEqualTo(9);
        assertThat(b.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(b.getJMSExpiration()).isEqualTo(second.getJMSTimestamp() + 1_000);
    }

    @Test
    void asynchronousSendsCompleteInSendOrderOnTheCompletionThread() throws Exception {
        Session session = connection.createSession();
        MessageProducer producer = session.createProducer(null);
        PartitaQueue a = new PartitaQueue("async-a");
        PartitaQueue b = new PartitaQueue("async-b");
        List<String> completed = Collections.synchronizedList(new ArrayList<>());
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                try {
                    completed.add(((TextMessage) message).getText());
                } catch (JMSException e) {
                    completed.add("error " + e);
                }
                threads.add(Thread.currentThread().getName());
            }

            @Override
            public void onException(Message message, Exception exception) {
                completed.add("failed " + exception);
            }
        };
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("m" + i);
            producer.send(i % 2 == 0 ? a : b, session.createTextMessage("m" + i), listener);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> completed.size() == 50);
        assertThat(completed).containsExactlyElementsOf(expected);
        assertThat(threads).allMatch(name -> name.startsWith("partita-jms-completion-"));
        assertThat(broker.readAll(a, 25)).hasSize(25);
        assertThat(broker.readAll(b, 25)).hasSize(25);
    }

    @Test
    void aForeignMessageIsCopiedAndTheHeadersAreSetOnItToo() throws Exception {
        Session session = connection.createSession();
        PartitaQueue queue = new PartitaQueue("foreign");
        ForeignTextMessage foreign = new ForeignTextMessage();
        foreign.text = "from elsewhere";
        foreign.properties.put("origin", "other-provider");
        TextMessage message = foreign.asMessage();
        session.createProducer(queue).send(message, DeliveryMode.PERSISTENT, 6, 0);

        assertThat(foreign.headers.get("JMSMessageID")).asString().startsWith("ID:");
        assertThat(foreign.headers.get("JMSDestination")).isEqualTo(queue);
        assertThat(foreign.headers.get("JMSPriority")).isEqualTo(6);
        PartitaMessage stored = broker.readAll(queue, 1).get(0).message();
        assertThat(((TextMessage) stored).getText()).isEqualTo("from elsewhere");
        assertThat(stored.getStringProperty("origin")).isEqualTo("other-provider");
        assertThat(stored.getJMSMessageID()).isEqualTo(foreign.headers.get("JMSMessageID"));
        assertThat(stored.getJMSPriority()).isEqualTo(6);
    }

    @Test
    void aForeignMessageRefusingTheHeaderFieldsIsStillSent() throws Exception {
        Session session = connection.createSession();
        PartitaQueue queue = new PartitaQueue("foreign-refusing");
        ForeignTextMessage foreign = new ForeignTextMessage();
        foreign.text = "stubborn";
        foreign.refuseHeaders = true;
        session.createProducer(queue).send(foreign.asMessage());
        assertThat(foreign.headers).isEmpty();
        PartitaMessage stored = broker.readAll(queue, 1).get(0).message();
        assertThat(((TextMessage) stored).getText()).isEqualTo("stubborn");
        assertThat(stored.getJMSMessageID()).startsWith("ID:");
        assertThat(stored.getJMSDestination()).isEqualTo(queue);
    }

    @Test
    void anUnknownDestinationWithAutoCreateOffIsInvalid() throws Exception {
        try (Connection strict = new PartitaConnectionFactory(broker.url("autoCreate=false")).createConnection()) {
            Session session = strict.createSession();
            MessageProducer producer = session.createProducer(session.createQueue("never-created"));
            assertThatThrownBy(() -> producer.send(session.createTextMessage("x")))
                    .isInstanceOf(InvalidDestinationException.class)
                    .hasMessageContaining("never-created");
            // an existing one still works on the same session
            broker.client().admin().createTopic(TopicKey.queue("created"), 2, (short) 1, Map.of()).get();
            session.createProducer(session.createQueue("created")).send(session.createTextMessage("y"));
            assertThat(broker.readAll(new PartitaQueue("created"), 1)).hasSize(1);
        }
    }

    @Test
    void aMessageLargerThanAllowedFailsClearlyAndNothingElseIsLost() throws Exception {
        broker.client().admin().createTopic(TopicKey.queue("small"), 1, (short) 1, Map.of("max.message.bytes", "2048")).get();
        Session session = connection.createSession();
        PartitaQueue small = new PartitaQueue("small");
        MessageProducer producer = session.createProducer(small);
        BytesMessage big = session.createBytesMessage();
        big.writeBytes(new byte[8_192]);
        assertThatThrownBy(() -> producer.send(big))
                .as("the broker refuses it").isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("send to queue://small");
        producer.send(session.createTextMessage("fits"));
        assertThat(broker.readAll(small, 1)).extracting(st -> ((TextMessage) st.message()).getText()).containsExactly("fits");

        try (Connection limited = new PartitaConnectionFactory(broker.url("maxMessageSize=4096")).createConnection()) {
            Session limitedSession = limited.createSession();
            BytesMessage tooBig = limitedSession.createBytesMessage();
            tooBig.writeBytes(new byte[10_000]);
            assertThatThrownBy(() -> limitedSession.createProducer(new PartitaQueue("limited")).send(tooBig))
                    .as("the client refuses it before it leaves").isInstanceOf(MessageFormatException.class)
                    .hasMessageContaining("maxRequestSize");
        }
    }
}
