package dev.partita.protocol.message;

import java.util.Objects;

/**
 * The outcome of creating or deleting one topic, shared by {@link CreateTopicsResponse} and
 * {@link DeleteTopicsResponse}. {@code errorMessage} may be null.
 */
public record TopicResult(TopicKey topic, Errors error, String errorMessage) {

    public TopicResult {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(error, "error");
    }
}
