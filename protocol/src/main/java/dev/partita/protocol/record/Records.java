package dev.partita.protocol.record;

/**
 * A run of zero or more complete record batches (see {@link RecordBatch}), wherever their bytes
 * live: in memory ({@link MemoryRecords}) or in a slice of a log segment file (the storage module's
 * {@code FileRecords}), which the broker sends to a socket without copying it through the heap.
 *
 * <p>Codecs treat {@code Records} as opaque bytes of known size; only code that needs the batches
 * themselves reads them, through {@link MemoryRecords}.
 */
public interface Records {

    /** Size in bytes of all batches in this run. */
    int sizeInBytes();
}
