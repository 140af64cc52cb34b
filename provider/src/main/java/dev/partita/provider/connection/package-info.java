/**
 * JMS connections: {@link dev.partita.provider.connection.PartitaConnection} (one low-level client
 * per connection, client ID rules, start/stop, exception listener, close),
 * {@link dev.partita.provider.connection.ConnectionOptions} (the broker URL and its options),
 * {@link dev.partita.provider.connection.ConnectionSender} (the producers and completion thread a
 * connection's sessions share) and {@link dev.partita.provider.connection.PartitaConnectionMetaData}.
 *
 * <p>A broker that goes away never makes a call hang: {@code createConnection} waits up to
 * {@code reconnectTimeout}, sends up to {@code sendTimeout}, the consumer side up to
 * {@code reconnectTimeout} (+ {@code requestTimeout}), then they throw and the exception listener
 * is told; {@code close} returns. See "Broker gone" in the module's README.
 */
package dev.partita.provider.connection;
