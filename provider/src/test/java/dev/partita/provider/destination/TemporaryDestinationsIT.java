package dev.partita.provider.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.testing.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporary queues and topics against a real broker: what their connection may do with them,
 * request/reply through {@code JMSReplyTo} between two connections, what other connections may
 * not, deletion (explicit and by closing the connection) and what senders see after it, and that
 * creating them writes nothing to ZooKeeper.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TemporaryDestinationsIT {

    private static final long WAIT_MS = 10_000;

    @TempDir
    static Path dir;
    static TestBroker broker;
    Connection owner;
    Connection other;

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
        PartitaConnectionFactory factory = new PartitaConnectionFactory(broker.url());
        owner = factory.createConnection();
        other = factory.createConnection();
        owner.start();
        other.start();
    }

    @AfterEach
    void close() throws JMSException {
        owner.close();
        other.close();
    }

    private static void send(Connection connection, jakarta.jms.Destination to, String... texts) throws JMSException {
        try (Session session = connection.createSession()) {
            MessageProducer producer = session.createProducer(to);
            for (String text : texts) {
                producer.send(session.createTextMessage(text));
            }
        }
    }

    private static String text(Message message) throws JMSException {
        return message == null ? null : ((TextMessage) message).getText();
    }

    @Test
    void aTemporaryQueueKeepsWhatIsSentBeforeItsFirstConsumerAndDeliversItOnce() throws JMSException {
        Session session = owner.createSession();
        TemporaryQueue queue = session.createTemporaryQueue();
        assertThat(queue.getQueueName()).startsWith("partita-temporary-queue:");
        send(other, queue, "one", "two");

        MessageConsumer consumer = session.createConsumer(queue);
        Message first = consumer.receive(WAIT_MS);
        assertThat(text(first)).isEqualTo("one");
        assertThat(first.getJMSDestination()).isInstanceOf(TemporaryQueue.class).isEqualTo(queue);
        assertThat(text(consumer.receive(WAIT_MS))).isEqualTo("two");
        assertThat(consumer.receiveNoWait()).isNull();
        consumer.close();

        send(other, queue, "three");
        MessageConsumer again = owner.createSession().createConsumer(queue);
        assertThat(text(again.receive(WAIT_MS))).as("closing a consumer keeps the queue and what it holds").isEqualTo("three");
    }

    @Test
    void consumersOfATemporaryQueueCompeteAndSeeOnlyItsMessages() throws JMSException {
        Session session = owner.createSession();
        TemporaryQueue queue = session.createTemporaryQueue();
        TemporaryQueue neighbour = session.createTemporaryQueue();
        send(other, neighbour, "not yours");
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            sent.add("m" + i);
        }
        MessageConsumer a = session.createConsumer(queue);
        MessageConsumer b = owner.createSession().createConsumer(queue);
        send(other, queue, sent.toArray(String[]::new));

        List<String> received = new ArrayList<>();
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (received.size() < sent.size() && System.currentTimeMillis() < deadline) {
            for (MessageConsumer consumer : List.of(a, b)) {
                Message message = consumer.receive(50);
                if (message != null) {
                    received.add(text(message));
                }
            }
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(a.receiveNoWait()).isNull();
        assertThat(b.receiveNoWait()).isNull();
        assertThat(text(session.createConsumer(neighbour).receive(WAIT_MS))).isEqualTo("not yours");
    }

    @Test
    void aBrowserShowsATemporaryQueuesMessagesOnlyAndChangesNothing() throws JMSException {
        Session session = owner.createSession();
        TemporaryQueue queue = session.createTemporaryQueue();
        TemporaryQueue neighbour = session.createTemporaryQueue();
        send(other, neighbour, "not yours");
        send(other, queue, "one", "two");
        QueueBrowser browser = session.createBrowser(queue);
        assertThat(browser.getQueue()).isEqualTo(queue);
        List<String> shown = new ArrayList<>();
        Enumeration<?> messages = browser.getEnumeration();
        while (messages.hasMoreElements()) {
            shown.add(text((Message) messages.nextElement()));
        }
        assertThat(shown).containsExactly("one", "two");
        assertThatThrownBy(() -> other.createSession().createBrowser(queue)).isInstanceOf(InvalidDestinationException.class);
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(text(consumer.receive(WAIT_MS))).as("browsing changed nothing").isEqualTo("one");
    }

    @Test
    void eachConsumerOfATemporaryTopicSeesEveryMessageSentAfterItSubscribed() throws JMSException {
        Session session = owner.createSession();
        TemporaryTopic topic = session.createTemporaryTopic();
        assertThat(topic.getTopicName()).startsWith("partita-temporary-topic:");
        send(other, topic, "before anyone listened");
        MessageConsumer a = session.createConsumer(topic);
        MessageConsumer b = owner.createSession().createConsumer(topic);
        send(other, topic, "x", "y");
        for (MessageConsumer consumer : List.of(a, b)) {
            assertThat(text(consumer.receive(WAIT_MS))).isEqualTo("x");
            Message y = consumer.receive(WAIT_MS);
            assertThat(text(y)).isEqualTo("y");
            assertThat(y.getJMSDestination()).isInstanceOf(TemporaryTopic.class).isEqualTo(topic);
            assertThat(consumer.receiveNoWait()).isNull();
        }
    }

    @Test
    void requestReplyThroughJmsReplyToBetweenTwoConnections() throws JMSException {
        Queue requests = new PartitaQueue("requests-" + System.nanoTime());
        Session requester = owner.createSession();
        TemporaryQueue replies = requester.createTemporaryQueue();
        TextMessage request = requester.createTextMessage("2+2");
        request.setJMSReplyTo(replies);
        requester.createProducer(requests).send(request);

        Session service = other.createSession();
        Message received = service.createConsumer(requests).receive(WAIT_MS);
        assertThat(received.getJMSReplyTo()).isInstanceOf(TemporaryQueue.class).isEqualTo(replies);
        TextMessage reply = service.createTextMessage("4");
        reply.setJMSCorrelationID(received.getJMSMessageID());
        service.createProducer(received.getJMSReplyTo()).send(reply);

        Message answer = requester.createConsumer(replies).receive(WAIT_MS);
        assertThat(text(answer)).isEqualTo("4");
        assertThat(answer.getJMSCorrelationID()).isEqualTo(request.getJMSMessageID());
    }

    @Test
    void onlyTheConnectionThatCreatedATemporaryDestinationMayConsumeOrDeleteIt() throws JMSException {
        TemporaryQueue queue = owner.createSession().createTemporaryQueue();
        TemporaryTopic topic = owner.createSession().createTemporaryTopic();
        Session session = other.createSession();
        assertThatThrownBy(() -> session.createConsumer(queue)).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createConsumer(topic)).isInstanceOf(InvalidDestinationException.class);

        // the same destination as another connection sees it: through a message's JMSReplyTo
        TextMessage carrier = owner.createSession().createTextMessage();
        carrier.setJMSReplyTo(queue);
        Queue carriers = new PartitaQueue("carriers-" + System.nanoTime());
        owner.createSession().createProducer(carriers).send(carrier);
        MessageConsumer carried = session.createConsumer(carriers);
        TemporaryQueue seen = (TemporaryQueue) carried.receive(WAIT_MS).getJMSReplyTo();
        assertThatThrownBy(() -> session.createConsumer(seen)).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(seen::delete).isInstanceOf(JMSException.class);
        send(other, seen, "senders may");
        assertThat(text(owner.createSession().createConsumer(queue).receive(WAIT_MS))).isEqualTo("senders may");
    }

    @Test
    void deleteIsRefusedWhileAConsumerReadsItAndSendersThenGetInvalidDestination() throws JMSException {
        Session session = owner.createSession();
        TemporaryQueue queue = session.createTemporaryQueue();
        MessageConsumer consumer = session.createConsumer(queue);
        send(other, queue, "first");
        assertThat(text(consumer.receive(WAIT_MS))).isEqualTo("first");
        assertThatThrownBy(queue::delete).isInstanceOf(JMSException.class).hasMessageContaining("still use it");

        consumer.close();
        queue.delete();
        queue.delete(); // twice is harmless
        assertThatThrownBy(() -> send(other, queue, "too late")).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> send(owner, queue, "too late")).isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createConsumer(queue)).isInstanceOf(InvalidDestinationException.class);

        TemporaryTopic topic = session.createTemporaryTopic();
        MessageProducer sender = other.createSession().createProducer(topic);
        sender.send(other.createSession().createTextMessage("while it lives")); // the sender knows it now
        topic.delete();
        assertThatThrownBy(() -> sender.send(other.createSession().createTextMessage("after")))
                .isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void closingTheConnectionDeletesItsTemporaryDestinations() throws JMSException {
        Connection shortLived = new PartitaConnectionFactory(broker.url()).createConnection();
        TemporaryQueue queue = shortLived.createSession().createTemporaryQueue();
        TemporaryTopic topic = shortLived.createSession().createTemporaryTopic();
        shortLived.createSession().createConsumer(queue);
        MessageProducer toQueue = other.createSession().createProducer(queue);
        toQueue.send(other.createSession().createTextMessage("while it lives"));
        shortLived.close();
        assertThatThrownBy(() -> toQueue.send(other.createSession().createTextMessage("after")))
                .isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> send(other, topic, "after")).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void theSimplifiedApiCreatesThemToo() throws JMSException {
        try (JMSContext requester = new PartitaConnectionFactory(broker.url()).createContext();
             JMSContext replier = requester.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue replies = requester.createTemporaryQueue();
            JMSConsumer consumer = requester.createConsumer(replies);
            replier.createProducer().send(replies, "pong");
            assertThat(consumer.receiveBody(String.class, WAIT_MS)).isEqualTo("pong");
            consumer.close();
            TemporaryTopic topic = requester.createTemporaryTopic();
            assertThat(topic.getTopicName()).isNotEqualTo(replies.getQueueName());
        }
        try (JMSContext context = new PartitaConnectionFactory(broker.url()).createContext();
             JMSContext another = new PartitaConnectionFactory(broker.url()).createContext()) {
            TemporaryQueue queue = context.createTemporaryQueue();
            assertThatThrownBy(() -> another.createConsumer(queue)).isInstanceOf(InvalidDestinationRuntimeException.class);
        }
    }

    @Test
    void fiveHundredTemporaryQueuesWriteNothingToZooKeeper() throws Exception {
        Session session = owner.createSession();
        session.createTemporaryQueue(); // the first may create the internal topic of this connection's destinations
        try (CuratorFramework zk = CuratorFrameworkFactory.newClient(broker.broker().zookeeperConnect(), new RetryOneTime(100))) {
            zk.start();
            zk.blockUntilConnected(10, TimeUnit.SECONDS);
            int before = countNodes(zk, "/");
            Set<String> names = new HashSet<>();
            for (int i = 0; i < 500; i++) {
                names.add(session.createTemporaryQueue().getQueueName());
            }
            assertThat(names).hasSize(500);
            assertThat(countNodes(zk, "/")).isEqualTo(before);
        }
    }

    private static int countNodes(CuratorFramework zk, String path) throws Exception {
        int count = 1;
        for (String child : zk.getChildren().forPath(path)) {
            if (path.equals("/") && child.equals("zookeeper")) {
                continue; // ZooKeeper's own quota nodes
            }
            count += countNodes(zk, (path.equals("/") ? "" : path) + "/" + child);
        }
        return count;
    }
}
