package dev.partita.broker.server.handler;

import dev.partita.broker.zk.CoordinationException;
import dev.partita.broker.zk.CoordinationTimeoutException;
import dev.partita.broker.zk.InvalidPartitionsException;
import dev.partita.broker.zk.InvalidReplicationFactorException;
import dev.partita.broker.zk.InvalidTopicException;
import dev.partita.broker.zk.StaleControllerEpochException;
import dev.partita.broker.zk.TopicAlreadyExistsException;
import dev.partita.broker.zk.UnknownTopicException;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;
import java.util.concurrent.CompletionException;

/** Maps failures of the coordination layer (and anything else a topic operation throws) to one error code. */
final class CoordinationErrors {

    private CoordinationErrors() {
    }

    static Errors of(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof ApiException api) {
            return api.error();
        }
        if (t instanceof TopicAlreadyExistsException) {
            return Errors.TOPIC_ALREADY_EXISTS;
        }
        if (t instanceof InvalidTopicException) {
            return Errors.INVALID_TOPIC;
        }
        if (t instanceof InvalidPartitionsException) {
            return Errors.INVALID_PARTITIONS;
        }
        if (t instanceof InvalidReplicationFactorException) {
            return Errors.INVALID_REPLICATION_FACTOR;
        }
        if (t instanceof UnknownTopicException) {
            return Errors.UNKNOWN_TOPIC_OR_PARTITION;
        }
        if (t instanceof CoordinationTimeoutException) {
            return Errors.REQUEST_TIMED_OUT;
        }
        if (t instanceof StaleControllerEpochException) {
            return Errors.STALE_CONTROLLER_EPOCH;
        }
        if (t instanceof IllegalArgumentException) {
            return Errors.INVALID_CONFIG;
        }
        return Errors.UNKNOWN_SERVER_ERROR;
    }

    static String message(Throwable failure) {
        Throwable t = unwrap(failure);
        return t instanceof CoordinationException || t instanceof ApiException || t instanceof IllegalArgumentException
                ? t.getMessage() : t.toString();
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
