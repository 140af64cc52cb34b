package dev.partita.bench.process;

import java.util.OptionalLong;

/**
 * A broker under test running in its own JVM. {@link #close()} stops it and removes its data;
 * read {@link #peakResidentBytes()} before closing.
 */
public interface BrokerProcess extends AutoCloseable {

    /** "Partita" or "Kafka". */
    String product();

    /** Where clients connect: {@code 127.0.0.1:port}. */
    String bootstrapServers();

    /** Peak resident memory of the broker JVM so far ({@code VmHWM}), empty where not readable. */
    OptionalLong peakResidentBytes();

    /** The last lines of the broker's own output, for error messages. */
    String logTail(int lines);

    /** Stops the broker and deletes its data directory. Idempotent. */
    @Override
    void close();
}
