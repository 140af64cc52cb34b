package dev.partita.broker.server;

import dev.partita.protocol.frame.RequestHeader;

/**
 * What a handler knows about the request besides its body: the header, the connection's session
 * (remote address, authentication state), and whether anyone still waits for the handler's answer.
 * The dispatcher gives up on a request its handler has not answered within the request's bound
 * and answers it REQUEST_TIMED_OUT itself; a handler that took something for the answer (an
 * ACQUIRE's messages) checks {@link #awaited} before answering and gives it back when nobody waits.
 *
 * <p>Thread-safe: the header and session are fixed, the abandoned flag is volatile.
 */
public final class RequestContext {

    private final RequestHeader header;
    private final ClientSession session;
    private volatile boolean abandoned;

    /**
     * @param header  API key, version, correlation id
     * @param session the connection the request came on
     */
    public RequestContext(RequestHeader header, ClientSession session) {
        this.header = header;
        this.session = session;
    }

    public RequestHeader header() {
        return header;
    }

    public ClientSession session() {
        return session;
    }

    /**
     * Whether the handler's answer can still reach the client: the connection is open and the
     * dispatcher has not answered the request in the handler's place.
     */
    public boolean awaited() {
        return !abandoned && session.isOpen();
    }

    /** The dispatcher answered in the handler's place: whatever the handler answers later is dropped. */
    void abandon() {
        abandoned = true;
    }

    @Override
    public String toString() {
        return "RequestContext[" + header + ", " + session.remote() + "]";
    }
}
