/**
 * JMS connections: {@link dev.partita.provider.connection.PartitaConnection} (one low-level client
 * per connection, client ID rules, start/stop, exception listener, close),
 * {@link dev.partita.provider.connection.ConnectionOptions} (the broker URL and its options),
 * {@link dev.partita.provider.connection.ConnectionSender} (the producers and completion thread a
 * connection's sessions share) and {@link dev.partita.provider.connection.PartitaConnectionMetaData}.
 */
package dev.partita.provider.connection;
