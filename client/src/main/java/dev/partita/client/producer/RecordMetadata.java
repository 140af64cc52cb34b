package dev.partita.client.producer;

import dev.partita.protocol.message.TopicKey;

/**
 * Where an acknowledged record landed: its partition and offset, and its timestamp (the create
 * time sent, or the broker's append time when the topic uses log append time). Immutable.
 */
public record RecordMetadata(TopicKey topic, int partition, long offset, long timestamp) {
}
