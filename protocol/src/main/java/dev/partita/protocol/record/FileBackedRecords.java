package dev.partita.protocol.record;

import java.nio.channels.FileChannel;

/**
 * Record batches that live in a region of a file, {@link #sizeInBytes()} bytes long starting at
 * {@link #position()} in {@link #channel()}. The network layer sends such a region with
 * {@code transferTo} (sendfile) instead of copying it through the heap. The storage module's
 * {@code FileRecords} implements it; the channel belongs to the segment, so whoever sends the
 * region must not close it.
 */
public interface FileBackedRecords extends Records {

    /** The open channel of the file holding the batches. */
    FileChannel channel();

    /** Where the first batch starts in the file. */
    long position();
}
