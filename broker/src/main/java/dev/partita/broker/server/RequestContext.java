package dev.partita.broker.server;

import dev.partita.protocol.frame.RequestHeader;

/**
 * What a handler knows about the request besides its body: the header and the connection's
 * session (remote address, authentication state).
 *
 * @param header API key, version, correlation id
 * @param session the connection the request came on
 */
public record RequestContext(RequestHeader header, ClientSession session) {
}
