/**
 * Destinations as the JMS API sees them: {@link dev.partita.provider.destination.PartitaQueue} and
 * {@link dev.partita.provider.destination.PartitaTopic}, value objects naming a log by kind and name,
 * and their conversion to and from the record form ({@code dev.partita.protocol.jms.JmsDestination});
 * temporary queues and topics ({@link dev.partita.provider.destination.PartitaTemporaryQueue},
 * {@link dev.partita.provider.destination.PartitaTemporaryTopic}), which a connection's
 * {@link dev.partita.provider.destination.ConnectionTemporaries} creates with one request to a
 * broker, checks before a consumer is made, and deletes (at the latest when the connection closes).
 */
package dev.partita.provider.destination;
