/**
 * Destinations as the JMS API sees them: {@link dev.partita.provider.destination.PartitaQueue} and
 * {@link dev.partita.provider.destination.PartitaTopic}, value objects naming a log by kind and name,
 * and their conversion to and from the record form ({@code dev.partita.protocol.jms.JmsDestination}).
 * Temporary destinations come with sessions and connections (not built yet).
 */
package dev.partita.provider.destination;
