package dev.partita.provider.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.partita.provider.PartitaConnectionFactory;
import dev.partita.provider.testing.TestBroker;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** When the broker goes away, sends fail after sendTimeout (never hang), and the ExceptionListener hears of it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrokerGoneIT {

    @TempDir
    Path dir;

    @Test
    void sendsToAStoppedBrokerFailInTimeAndTheExceptionListenerIsTold() throws Exception {
        TestBroker broker = TestBroker.start(dir.resolve("data"));
        Connection connection;
        try {
            connection = new PartitaConnectionFactory(broker.url("sendTimeout=2000&reconnectTimeout=2000&requestTimeout=1000"))
                    .createConnection();
        } catch (JMSException | RuntimeException e) {
            broker.close();
            throw e;
        }
        try {
            List<JMSException> heard = new CopyOnWriteArrayList<>();
            connection.setExceptionListener(heard::add);
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createQueue("gone"));
            producer.send(session.createTextMessage("before"));
            broker.close();

            long start = System.nanoTime();
            assertThatThrownBy(() -> producer.send(session.createTextMessage("after"))).isInstanceOf(JMSException.class)
                    .hasMessageContaining("send to queue://gone");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(15_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());

            List<Throwable> failed = new CopyOnWriteArrayList<>();
            producer.send(session.createTextMessage("async"), new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    failed.add(new AssertionError("completed without a broker"));
                }

                @Override
                public void onException(Message message, Exception exception) {
                    failed.add(exception);
                }
            });
            await().atMost(Duration.ofSeconds(15)).until(() -> !failed.isEmpty());
            assertThat(failed.get(0)).isInstanceOf(JMSException.class);
        } finally {
            long start = System.nanoTime();
            connection.close();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("close never hangs").isLessThan(15_000);
            broker.close();
        }
    }
}
