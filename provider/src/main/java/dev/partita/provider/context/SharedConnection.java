package dev.partita.provider.context;

import dev.partita.provider.connection.PartitaConnection;
import dev.partita.provider.util.JmsExceptions;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection shared by a {@code JMSContext} and the contexts made from it with
 * {@code createContext(int)}: closed when the last of them closes (spec 6.2 of the simplified API).
 * Thread-safe.
 */
final class SharedConnection {

    private final PartitaConnection connection;
    private final AtomicInteger users = new AtomicInteger(1);

    SharedConnection(PartitaConnection connection) {
        this.connection = connection;
    }

    PartitaConnection connection() {
        return connection;
    }

    /** One more context uses the connection. */
    void retain() {
        users.incrementAndGet();
    }

    /** One context closed; the last one closes the connection. */
    void release() {
        if (users.decrementAndGet() == 0) {
            JmsExceptions.uncheckedRun(connection::close);
        }
    }
}
