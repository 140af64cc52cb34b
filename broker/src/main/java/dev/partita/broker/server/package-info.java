/**
 * The broker's network side: {@link dev.partita.broker.server.NettyServer} (accept, frame and
 * decode on the {@code partita-net-N} event loops, never block them), per-connection response
 * ordering ({@link dev.partita.broker.server.ConnectionHandler}), authentication state, and
 * {@link dev.partita.broker.server.RequestDispatcher} which hands each request to the handler of
 * its API (package {@code handler}).
 */
package dev.partita.broker.server;
