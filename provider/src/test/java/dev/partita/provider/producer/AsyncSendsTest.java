package dev.partita.provider.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.partita.client.CallbackExecutor;
import dev.partita.client.producer.RecordMetadata;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.TopicKey;
import dev.partita.provider.message.PartitaTextMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class AsyncSendsTest {

    private final CallbackExecutor completions = new CallbackExecutor("test-completion");
    private final Object session = new Object();
    private final AsyncSends sends = new AsyncSends(session, completions);
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<JMSException> reported = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() throws InterruptedException {
        completions.shutdown(5_000);
    }

    private CompletionListener recorder() {
        return new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                calls.add(text(message) + " ok in listener of session: " + AsyncSends.inListenerOf(session));
            }

            @Override
            public void onException(Message message, Exception exception) {
                calls.add(text(message) + " failed: " + exception.getClass().getSimpleName());
            }
        };
    }

    private static String text(Message message) {
        return ((PartitaTextMessage) message).getText();
    }

    @Test
    void listenersAreCalledInSendOrderWhateverOrderTheAcknowledgementsCome() throws Exception {
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
            futures.add(future);
            sends.add(future, new PartitaTextMessage("m" + i), recorder(), "send " + i, reported::add);
        }
        futures.get(2).complete(new RecordMetadata(TopicKey.queue("q"), 0, 2, 0));
        futures.get(1).completeExceptionally(Errors.UNKNOWN_TOPIC_OR_PARTITION.exception("gone"));
        assertThat(sends.awaitAll(200)).as("the first is still incomplete").isFalse();
        assertThat(calls).isEmpty();
        futures.get(0).complete(new RecordMetadata(TopicKey.queue("q"), 0, 0, 0));
        assertThat(sends.awaitAll(5_000)).isTrue();
        assertThat(calls).containsExactly("m0 ok in listener of session: true",
                "m1 failed: InvalidDestinationException", "m2 ok in listener of session: true");
        assertThat(reported).singleElement().isInstanceOf(InvalidDestinationException.class);
        assertThat(AsyncSends.inListenerOf(session)).isFalse();
        assertThat(sends.size()).isZero();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() {
        CompletionListener throwing = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                throw new IllegalStateException("application bug");
            }

            @Override
            public void onException(Message message, Exception exception) {
            }
        };
        sends.add(CompletableFuture.completedFuture(null), new PartitaTextMessage("a"), throwing, "send a", reported::add);
        sends.add(CompletableFuture.completedFuture(null), new PartitaTextMessage("b"), recorder(), "send b", reported::add);
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() == 1);
        assertThat(calls).containsExactly("b ok in listener of session: true");
    }
}
