package dev.partita.provider.util;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.client.ClientClosedException;
import dev.partita.client.producer.BufferExhaustedException;
import dev.partita.protocol.message.Errors;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class JmsExceptionsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "UNKNOWN_TOPIC_OR_PARTITION, jakarta.jms.InvalidDestinationException",
            "INVALID_TOPIC, jakarta.jms.InvalidDestinationException",
            "UNKNOWN_SUBSCRIPTION, jakarta.jms.InvalidDestinationException",
            "CLIENT_ID_IN_USE, jakarta.jms.InvalidClientIDException",
            "INVALID_CLIENT_ID, jakarta.jms.InvalidClientIDException",
            "INVALID_SELECTOR, jakarta.jms.InvalidSelectorException",
            "SASL_AUTHENTICATION_FAILED, jakarta.jms.JMSSecurityException",
            "UNSUPPORTED_SASL_MECHANISM, jakarta.jms.JMSSecurityException",
            "ILLEGAL_SASL_STATE, jakarta.jms.JMSSecurityException",
            "RECORD_TOO_LARGE, jakarta.jms.MessageFormatException",
            "FRAME_TOO_LARGE, jakarta.jms.MessageFormatException",
            "STORAGE_ERROR, jakarta.jms.ResourceAllocationException",
            "NOT_ENOUGH_REPLICAS, jakarta.jms.ResourceAllocationException",
            "DESTINATION_FULL, jakarta.jms.ResourceAllocationException",
            "NETWORK_EXCEPTION, jakarta.jms.JMSException",
            "REQUEST_TIMED_OUT, jakarta.jms.JMSException",
    })
    void clientErrorsBecomeTheJmsExceptionTheSpecNames(Errors error, Class<? extends JMSException> expected) {
        Exception failure = new ExecutionException(error.exception("the broker said no"));
        JMSException jms = JmsExceptions.toJms("send to queue://q", failure);
        assertThat(jms).isExactlyInstanceOf(expected);
        assertThat(jms.getMessage()).isEqualTo("send to queue://q: the broker said no");
        assertThat(jms.getErrorCode()).isEqualTo(error.name());
        assertThat(jms.getCause()).isSameAs(failure.getCause());
        assertThat(jms.getLinkedException()).isSameAs(failure.getCause());
    }

    @Test
    void clientConditionsAreTranslatedToo() {
        assertThat(JmsExceptions.toJms("x", new CompletionException(new ClientClosedException("closed"))))
                .isExactlyInstanceOf(IllegalStateException.class);
        assertThat(JmsExceptions.toJms("x", new BufferExhaustedException("full")))
                .isExactlyInstanceOf(ResourceAllocationException.class);
        assertThat(JmsExceptions.toJms("x", new TimeoutException()))
                .isExactlyInstanceOf(JMSException.class).hasMessage("x: no answer in time");
        JMSException already = new InvalidDestinationException("mine");
        assertThat(JmsExceptions.toJms("x", new ExecutionException(already))).isSameAs(already);
    }

    @Test
    void everyCheckedExceptionHasItsUncheckedTwin() {
        check(new IllegalStateException("m", "c"), IllegalStateRuntimeException.class);
        check(new InvalidClientIDException("m", "c"), InvalidClientIDRuntimeException.class);
        check(new InvalidDestinationException("m", "c"), InvalidDestinationRuntimeException.class);
        check(new JMSSecurityException("m", "c"), JMSSecurityRuntimeException.class);
        check(new MessageFormatException("m", "c"), MessageFormatRuntimeException.class);
        check(new MessageNotWriteableException("m", "c"), MessageNotWriteableRuntimeException.class);
        check(new ResourceAllocationException("m", "c"), ResourceAllocationRuntimeException.class);
        check(new JMSException("m", "c"), JMSRuntimeException.class);
    }

    private static void check(JMSException checked, Class<? extends JMSRuntimeException> expected) {
        JMSRuntimeException unchecked = JmsExceptions.toRuntime(checked);
        assertThat(unchecked).isExactlyInstanceOf(expected).hasMessage("m").hasCause(checked);
        assertThat(unchecked.getErrorCode()).isEqualTo("c");
    }
}
