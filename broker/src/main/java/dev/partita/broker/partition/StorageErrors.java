package dev.partita.broker.partition;

import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.record.CorruptRecordException;
import dev.partita.protocol.record.InvalidRecordException;
import dev.partita.storage.log.InvalidProducerEpochException;
import dev.partita.storage.log.LogStorageException;
import dev.partita.storage.log.OffsetOutOfRangeException;
import dev.partita.storage.log.OutOfOrderSequenceException;
import dev.partita.storage.log.RecordTooLargeException;
import java.util.concurrent.CompletionException;

/** Maps what the storage throws to the one error code that reaches the wire. */
public final class StorageErrors {

    private StorageErrors() {
    }

    public static Errors of(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ApiException api) {
            return api.error();
        }
        if (t instanceof CorruptRecordException) {
            return Errors.CORRUPT_MESSAGE;
        }
        if (t instanceof InvalidRecordException) {
            return Errors.INVALID_RECORD;
        }
        if (t instanceof RecordTooLargeException) {
            return Errors.RECORD_TOO_LARGE;
        }
        if (t instanceof OutOfOrderSequenceException) {
            return Errors.OUT_OF_ORDER_SEQUENCE;
        }
        if (t instanceof InvalidProducerEpochException) {
            return Errors.INVALID_PRODUCER_EPOCH;
        }
        if (t instanceof OffsetOutOfRangeException) {
            return Errors.OFFSET_OUT_OF_RANGE;
        }
        if (t instanceof LogStorageException) {
            return Errors.STORAGE_ERROR;
        }
        return Errors.UNKNOWN_SERVER_ERROR;
    }

    public static String message(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
