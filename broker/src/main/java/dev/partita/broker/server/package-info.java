/**
 * The broker's network side: {@link dev.partita.broker.server.NettyServer} (accept, frame and
 * decode on the {@code partita-net-N} event loops, never block them), per-connection response
 * ordering ({@link dev.partita.broker.server.ConnectionHandler}), authentication state, and
 * {@link dev.partita.broker.server.RequestDispatcher} which hands each request to the handler of
 * its API (package {@code handler}) and answers REQUEST_TIMED_OUT in its place when the handler has
 * not answered within the request's bound (its own wait plus {@code request.max.handling.ms}), so
 * one lost answer cannot stall a connection whose answers go out in order.
 */
package dev.partita.broker.server;
