/**
 * The file layer every byte of the storage module goes through: {@link dev.partita.storage.file.FileIO}
 * (directory operations and opening files) and {@link dev.partita.storage.file.LogFile} (positional
 * reads and writes, truncation, fsync). Production code uses {@link dev.partita.storage.file.FileIO#real()},
 * backed by {@link java.nio.channels.FileChannel}; tests wrap it with a fault-injecting layer (the
 * test-jar's {@code CrashSimulatingFileIO}) that drops unsynced bytes at a simulated crash or
 * fails writes as a full disk would.
 *
 * <p>{@link dev.partita.storage.file.CheckpointFile} writes small metadata files with the
 * temp-file, fsync, atomic rename, fsync-directory discipline.
 */
package dev.partita.storage.file;
