package dev.partita.tck;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/** Interop (issue #3 part 5): pooled-jms's {@code JmsPoolConnectionFactory} over Partita. */
@DisplayName("Interop: pooled-jms")
class Interop_PooledJmsIT extends TckTest {

    @Test
    @DisplayName("pooled connections send and receive; a closed pooled connection goes back to the pool")
    void pooledConnectionsSendAndReceive() throws Exception {
        Queue queue = queue("pooled");
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(factory());
        pool.setMaxConnections(1);
        try {
            for (int round = 0; round < 3; round++) {
                try (Connection connection = pool.createConnection()) {
                    Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
                    session.createProducer(queue).send(session.createTextMessage("round " + round));
                }
            }
            assertThat(pool.getNumConnections()).isEqualTo(1);
            try (Connection connection = pool.createConnection()) {
                connection.start();
                Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
                // each round may have had a session of its own (see the README), and order holds per session only
                assertThat(Receiving.receive(session.createConsumer(queue), 3)).containsExactlyInAnyOrder("round 0", "round 1", "round 2");
            }
        } finally {
            pool.stop();
        }
    }

    @Test
    @DisplayName("a JMSContext from the pool sends and receives bodies")
    void pooledContexts() throws Exception {
        Queue queue = queue("pooled-ctx");
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(factory());
        try {
            try (JMSContext context = pool.createContext()) {
                context.createProducer().send(queue, "via the pool");
            }
            try (JMSContext context = pool.createContext()) {
                // pooled-jms's JMSConsumer does not support receiveBody itself
                assertThat(context.createConsumer(queue).receive(Receiving.EXPECTED_MS).getBody(String.class)).isEqualTo("via the pool");
            }
        } finally {
            pool.stop();
        }
    }
}
