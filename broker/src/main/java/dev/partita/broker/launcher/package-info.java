/**
 * The command line: {@link dev.partita.broker.launcher.PartitaServer} (picocli) behind
 * {@code bin/partita}. Turns flags and a properties file into a
 * {@link dev.partita.broker.config.BrokerConfig}, starts a {@link dev.partita.broker.PartitaBroker}
 * and stops it cleanly on SIGINT/SIGTERM.
 */
package dev.partita.broker.launcher;
