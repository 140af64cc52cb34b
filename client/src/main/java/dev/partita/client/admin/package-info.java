/**
 * Cluster administration: {@link dev.partita.client.admin.Admin} creates and deletes topics, reads
 * metadata and looks up offsets by timestamp (earliest, latest).
 */
package dev.partita.client.admin;
