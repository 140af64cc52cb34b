/**
 * Sending: {@link dev.partita.provider.producer.PartitaMessageProducer} (the JMS producer and its
 * defaults), {@link dev.partita.provider.producer.MessageSender} (a session's sends: header fields,
 * record form, one partition per destination, acknowledgement levels),
 * {@link dev.partita.provider.producer.AsyncSends} (completion listeners in send order) and
 * {@link dev.partita.provider.producer.SendOptions}.
 */
package dev.partita.provider.producer;
