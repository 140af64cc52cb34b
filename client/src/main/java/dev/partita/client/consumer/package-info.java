/**
 * Consuming by assignment: {@link dev.partita.client.consumer.LogConsumer} reads chosen partitions
 * from chosen offsets with long-poll fetches to their leaders, following leader changes. No groups
 * and no committed offsets here: JMS subscriptions are built on the broker later.
 */
package dev.partita.client.consumer;
