/**
 * Broker configuration: every setting the broker reads, its default and how it parses
 * ({@link dev.partita.broker.config.BrokerConfig}). {@code docs/configuration.md} lists the same
 * settings for users; a test keeps the two in step.
 */
package dev.partita.broker.config;
