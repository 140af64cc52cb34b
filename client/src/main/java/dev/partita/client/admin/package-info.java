/**
 * Cluster administration: {@link dev.partita.client.admin.Admin} creates and deletes topics, reads
 * metadata, looks up offsets by timestamp (earliest, latest) and describes subscriptions (their
 * lag per partition, from the brokers' offset cache).
 */
package dev.partita.client.admin;
