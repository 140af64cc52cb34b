/**
 * Producing: {@link dev.partita.client.producer.Producer} batches records per partition in a
 * {@link dev.partita.client.producer.RecordAccumulator} (batch size, linger, bounded buffer memory
 * that blocks {@code send}), and its sender ships ready batches to leaders with at most one batch in
 * flight per partition, retrying retriable errors in order until the delivery timeout. Partition
 * choice is a {@link dev.partita.client.producer.PartitionChooser} policy (sticky by default). Not
 * idempotent yet: batches carry no producer id.
 */
package dev.partita.client.producer;
