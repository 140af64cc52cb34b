package dev.partita.broker.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Bytes of requests the broker has read and not yet answered, over all connections, against
 * {@code max.in.flight.request.bytes}. A connection that brings the total to the limit stops
 * reading ({@link RequestMemoryGate}) and waits here; when answers bring the total below the
 * limit, the waiting connections are told to read again. So producers far faster than the broker
 * slow down (TCP back-pressure reaches their send buffers and their {@code bufferMemory}) instead
 * of the broker's heap filling with requests.
 *
 * <p>A request is always read whole, even one larger than the limit, and a connection holding
 * little (under 1 MiB unanswered) is never paused: the bound is the limit plus, per connection,
 * 1 MiB and the frame being read when it was reached (at most {@code max.frame.bytes}). Thread-safe (synchronized); waiters are woken outside the lock.
 */
final class RequestMemory {

    private final long limit;
    private final Set<RequestMemoryGate> waiting = new LinkedHashSet<>();
    private long used;

    RequestMemory(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    synchronized long used() {
        return used;
    }

    /** Counts a request just read; true when the total reached the limit (the caller should pause). */
    synchronized boolean add(long bytes) {
        used += bytes;
        return used >= limit;
    }

    /**
     * Registers a paused gate to be resumed once the total is below the limit. Returns false (and
     * registers nothing) when it already is, so the caller resumes at once.
     */
    synchronized boolean awaitRoom(RequestMemoryGate gate) {
        if (used < limit) {
            return false;
        }
        waiting.add(gate);
        return true;
    }

    /** Frees answered requests' bytes; resumes the waiting connections once below the limit. */
    void release(long bytes) {
        List<RequestMemoryGate> wake;
        synchronized (this) {
            used -= bytes;
            if (used >= limit || waiting.isEmpty()) {
                return;
            }
            wake = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (RequestMemoryGate gate : wake) {
            gate.roomAvailable();
        }
    }

    /** A closed connection waits no more. */
    synchronized void forget(RequestMemoryGate gate) {
        waiting.remove(gate);
    }
}
