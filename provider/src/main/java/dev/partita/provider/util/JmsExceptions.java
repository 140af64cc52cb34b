package dev.partita.provider.util;

import dev.partita.client.ClientClosedException;
import dev.partita.client.producer.BufferExhaustedException;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.InvalidSelectorRuntimeException;
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
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.TransactionRolledBackException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The provider's one exception translator (STYLE.md practice 13): what the low-level client reports
 * ({@link ApiException} with its {@link Errors} code, {@link ClientClosedException},
 * {@link BufferExhaustedException}, timeouts) becomes the {@link JMSException} subtype the
 * specification names, and a {@code JMSException} becomes its unchecked twin for the simplified API.
 * The original exception is the cause and the linked exception; the error code is the
 * {@code Errors} name. Stateless and thread-safe.
 *
 * <table>
 * <caption>Client errors and the JMS exceptions they become</caption>
 * <tr><th>client</th><th>JMS</th></tr>
 * <tr><td>UNKNOWN_TOPIC_OR_PARTITION, INVALID_TOPIC, UNKNOWN_SUBSCRIPTION, TEMPORARY_DESTINATION_GONE,
 * NOT_TEMPORARY_DESTINATION_OWNER</td><td>{@code InvalidDestinationException}</td></tr>
 * <tr><td>CLIENT_ID_IN_USE, INVALID_CLIENT_ID</td><td>{@code InvalidClientIDException}</td></tr>
 * <tr><td>INVALID_SELECTOR</td><td>{@code InvalidSelectorException}</td></tr>
 * <tr><td>SASL_AUTHENTICATION_FAILED, UNSUPPORTED_SASL_MECHANISM, ILLEGAL_SASL_STATE</td><td>{@code JMSSecurityException}</td></tr>
 * <tr><td>RECORD_TOO_LARGE, FRAME_TOO_LARGE, INVALID_RECORD, CORRUPT_MESSAGE</td><td>{@code MessageFormatException} (the message cannot be stored as it is)</td></tr>
 * <tr><td>STORAGE_ERROR, NOT_ENOUGH_REPLICAS, DESTINATION_FULL (the broker held the send the destination's
 * {@code full.block.ms} and no space was freed), {@code BufferExhaustedException}</td><td>{@code ResourceAllocationException}</td></tr>
 * <tr><td>{@code ClientClosedException}</td><td>{@code IllegalStateException} (the connection is closed)</td></tr>
 * <tr><td>anything else</td><td>{@code JMSException}</td></tr>
 * </table>
 */
public final class JmsExceptions {

    private JmsExceptions() {
    }

    /**
     * The JMS exception for a failure of the client, {@code what} saying what was being done
     * ("send to queue://orders"). Unwraps {@code ExecutionException} and {@code CompletionException};
     * a {@code JMSException} is returned as it is.
     */
    public static JMSException toJms(String what, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof JMSException jms) {
            return jms;
        }
        String message = what + ": " + cause.getMessage();
        if (cause instanceof ApiException api) {
            return link(forError(api.error(), message), cause);
        }
        if (cause instanceof ClientClosedException) {
            return link(new IllegalStateException(message, "CLOSED"), cause);
        }
        if (cause instanceof BufferExhaustedException) {
            return link(new ResourceAllocationException(message, "BUFFER_EXHAUSTED"), cause);
        }
        if (cause instanceof TimeoutException) {
            return link(new JMSException(what + ": no answer in time", Errors.REQUEST_TIMED_OUT.name()), cause);
        }
        return link(new JMSException(message), cause);
    }

    private static JMSException forError(Errors error, String message) {
        return switch (error) {
            case UNKNOWN_TOPIC_OR_PARTITION, INVALID_TOPIC, UNKNOWN_SUBSCRIPTION, TEMPORARY_DESTINATION_GONE,
                    NOT_TEMPORARY_DESTINATION_OWNER -> new InvalidDestinationException(message, error.name());
            case CLIENT_ID_IN_USE, INVALID_CLIENT_ID -> new InvalidClientIDException(message, error.name());
            case INVALID_SELECTOR -> new InvalidSelectorException(message, error.name());
            case SASL_AUTHENTICATION_FAILED, UNSUPPORTED_SASL_MECHANISM, ILLEGAL_SASL_STATE ->
                    new JMSSecurityException(message, error.name());
            case RECORD_TOO_LARGE, FRAME_TOO_LARGE, INVALID_RECORD, CORRUPT_MESSAGE -> new MessageFormatException(message, error.name());
            case STORAGE_ERROR, NOT_ENOUGH_REPLICAS, DESTINATION_FULL -> new ResourceAllocationException(message, error.name());
            default -> new JMSException(message, error.name());
        };
    }

    /** The failure inside {@code ExecutionException} / {@code CompletionException} layers. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static JMSException link(JMSException jms, Throwable cause) {
        if (cause instanceof Exception e) {
            jms.setLinkedException(e);
        }
        jms.initCause(cause);
        return jms;
    }

    /**
     * The unchecked exception of the simplified API for a {@code JMSException} (spec 7.3: same
     * message, error code and cause).
     */
    public static JMSRuntimeException toRuntime(JMSException e) {
        String message = e.getMessage();
        String code = e.getErrorCode();
        JMSRuntimeException unchecked;
        if (e instanceof IllegalStateException) {
            unchecked = new IllegalStateRuntimeException(message, code, e);
        } else if (e instanceof InvalidClientIDException) {
            unchecked = new InvalidClientIDRuntimeException(message, code, e);
        } else if (e instanceof InvalidDestinationException) {
            unchecked = new InvalidDestinationRuntimeException(message, code, e);
        } else if (e instanceof InvalidSelectorException) {
            unchecked = new InvalidSelectorRuntimeException(message, code, e);
        } else if (e instanceof JMSSecurityException) {
            unchecked = new JMSSecurityRuntimeException(message, code, e);
        } else if (e instanceof MessageFormatException) {
            unchecked = new MessageFormatRuntimeException(message, code, e);
        } else if (e instanceof MessageNotWriteableException) {
            unchecked = new MessageNotWriteableRuntimeException(message, code, e);
        } else if (e instanceof ResourceAllocationException) {
            unchecked = new ResourceAllocationRuntimeException(message, code, e);
        } else if (e instanceof TransactionInProgressException) {
            unchecked = new TransactionInProgressRuntimeException(message, code, e);
        } else if (e instanceof TransactionRolledBackException) {
            unchecked = new TransactionRolledBackRuntimeException(message, code, e);
        } else {
            unchecked = new JMSRuntimeException(message, code, e);
        }
        return unchecked;
    }

    /** A JMS call of the simplified API: runs it and turns a {@code JMSException} into its unchecked twin. */
    public static <T> T unchecked(JmsCall<T> call) {
        try {
            return call.call();
        } catch (JMSException e) {
            throw toRuntime(e);
        }
    }

    /** As {@link #unchecked(JmsCall)} for a call without result. */
    public static void uncheckedRun(JmsAction action) {
        try {
            action.run();
        } catch (JMSException e) {
            throw toRuntime(e);
        }
    }

    /** A call of the classic API that returns a value. */
    @FunctionalInterface
    public interface JmsCall<T> {
        T call() throws JMSException;
    }

    /** A call of the classic API without result. */
    @FunctionalInterface
    public interface JmsAction {
        void run() throws JMSException;
    }
}
