package dev.partita.client.network;

import dev.partita.protocol.record.FileBackedRecords;
import java.nio.channels.FileChannel;

/** A region of a test file, standing in for the storage module's FileRecords. */
record TestFileRecords(FileChannel channel, long position, int sizeInBytes) implements FileBackedRecords { }
