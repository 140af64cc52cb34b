package dev.partita.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

/** Interop (issue #3 part 5): Spring's {@code JmsTemplate} and {@code DefaultMessageListenerContainer} over Partita. */
@DisplayName("Interop: Spring JMS")
class Interop_SpringJmsIT extends TckTest {

    @Test
    @DisplayName("JmsTemplate converts and sends (with a message post-processor's property) and receives")
    void jmsTemplateSendsAndReceives() throws Exception {
        Queue queue = queue("spring-template");
        JmsTemplate template = new JmsTemplate(factory());
        template.setReceiveTimeout(Receiving.EXPECTED_MS);
        template.convertAndSend(queue, "hello spring", message -> {
            message.setStringProperty("from", "template");
            return message;
        });
        Message first = template.receive(queue);
        assertThat(((TextMessage) first).getText()).isEqualTo("hello spring");
        assertThat(first.getStringProperty("from")).isEqualTo("template");
        // A second receive, each on a connection of its own closed at once: the first connection's
        // parked long poll must not take "second" for nobody (it once held it until a lease expired).
        template.convertAndSend(queue, "second");
        assertThat(((TextMessage) template.receive(queue)).getText()).isEqualTo("second");
    }

    @Test
    @DisplayName("JmsTemplate.sendAndReceive: a temporary queue per request carries each reply")
    void jmsTemplateSendAndReceive() throws Exception {
        Queue service = queue("spring-request-reply");
        ConnectionFactory factory = factory();
        JmsTemplate replier = new JmsTemplate(factory);
        DefaultMessageListenerContainer container = container(factory, service, (MessageListener) request -> {
            try {
                String text = ((TextMessage) request).getText();
                replier.send(request.getJMSReplyTo(), session -> {
                    TextMessage reply = session.createTextMessage(text.toUpperCase(java.util.Locale.ROOT));
                    reply.setJMSCorrelationID(request.getJMSMessageID());
                    return reply;
                });
            } catch (JMSException e) {
                throw new AssertionError(e);
            }
        }, Session.AUTO_ACKNOWLEDGE);
        try {
            JmsTemplate requester = new JmsTemplate(factory);
            requester.setReceiveTimeout(Receiving.EXPECTED_MS);
            for (String text : List.of("one", "two", "three")) {
                Message reply = requester.sendAndReceive(service, session -> session.createTextMessage(text));
                assertThat(reply).as("reply to " + text).isNotNull();
                assertThat(((TextMessage) reply).getText()).isEqualTo(text.toUpperCase(java.util.Locale.ROOT));
            }
        } finally {
            container.shutdown();
        }
    }

    @Test
    @DisplayName("DefaultMessageListenerContainer delivers every message to its listener")
    void listenerContainerDelivers() throws Exception {
        Queue queue = queue("spring-dmlc");
        ConnectionFactory factory = factory();
        List<String> got = new CopyOnWriteArrayList<>();
        DefaultMessageListenerContainer container = container(factory, queue, (MessageListener) message -> {
            try {
                got.add(((TextMessage) message).getText());
            } catch (JMSException e) {
                throw new AssertionError(e);
            }
        }, Session.AUTO_ACKNOWLEDGE);
        try {
            JmsTemplate template = new JmsTemplate(factory);
            for (int i = 0; i < 10; i++) {
                template.convertAndSend(queue, "m" + i);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> got.size() == 10);
            assertThat(got).containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
        } finally {
            container.shutdown();
        }
    }

    @Test
    @DisplayName("DefaultMessageListenerContainer in CLIENT_ACKNOWLEDGE: a failing listener gets the message again (recover), redelivered")
    void listenerContainerRecoversAfterAFailure() throws Exception {
        Queue queue = queue("spring-recover");
        ConnectionFactory factory = factory();
        List<Message> deliveries = new CopyOnWriteArrayList<>();
        DefaultMessageListenerContainer container = container(factory, queue, (MessageListener) message -> {
            deliveries.add(message);
            if (deliveries.size() == 1) {
                throw new IllegalStateException("the application failed once");
            }
        }, Session.CLIENT_ACKNOWLEDGE);
        try {
            new JmsTemplate(factory).convertAndSend(queue, "retry me");
            await().atMost(Duration.ofSeconds(20)).until(() -> deliveries.size() >= 2);
            assertThat(deliveries.get(1).getJMSRedelivered()).isTrue();
            assertThat(((TextMessage) deliveries.get(1)).getText()).isEqualTo("retry me");
        } finally {
            container.shutdown();
        }
    }

    private static DefaultMessageListenerContainer container(ConnectionFactory factory, Queue queue, Object listener, int ackMode) {
        DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
        container.setConnectionFactory(factory);
        container.setDestination(queue);
        container.setMessageListener(listener);
        container.setSessionAcknowledgeMode(ackMode);
        container.setReceiveTimeout(500);
        container.afterPropertiesSet();
        container.start();
        return container;
    }
}
