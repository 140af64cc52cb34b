/**
 * The command line: {@link dev.partita.broker.launcher.PartitaServer} (picocli) behind
 * {@code bin/partita}. Turns flags and a properties file into a
 * {@link dev.partita.broker.config.BrokerConfig}, starts a {@link dev.partita.broker.PartitaBroker}
 * and stops it cleanly on SIGINT/SIGTERM. {@link dev.partita.broker.launcher.AdminCommand}
 * ({@code partita admin subscriptions}) is a client of a running cluster: it prints the
 * DESCRIBE_SUBSCRIPTIONS answer as a table.
 */
package dev.partita.broker.launcher;
