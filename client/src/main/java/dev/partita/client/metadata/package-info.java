/**
 * The client's view of the cluster: live brokers, and per partition its leader and leader epoch,
 * learned from Metadata requests and refreshed on demand when a broker says the leader moved.
 * {@link dev.partita.client.metadata.MetadataCache} is shared by every producer, consumer and admin
 * of one client.
 */
package dev.partita.client.metadata;
