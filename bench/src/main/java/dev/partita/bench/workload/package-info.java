/**
 * The workload and the two drivers that run it: {@link dev.partita.bench.workload.KafkaDriver}
 * over {@code kafka-clients}, {@link dev.partita.bench.workload.PartitaDriver} over Partita's
 * low-level client. Both produce the same records with the same batch size, linger and in-flight
 * limit, time every send from the call to its acknowledgement, then consume everything back.
 */
package dev.partita.bench.workload;
