package dev.partita.broker.partition;

import dev.partita.broker.zk.LogPartition;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.FetchRequest.FetchPartition;
import dev.partita.protocol.message.TopicKey;

/**
 * One partition of a fetch, resolved: the destination as named, its log partition (null when it
 * cannot be served, with {@code error} saying why) and what the client asked.
 *
 * @param topic the destination as the request named it
 * @param id the log partition, or null
 * @param request partition, leader epoch, offset and max bytes asked
 * @param error why {@code id} is null ({@code NONE} otherwise)
 */
public record FetchTarget(TopicKey topic, LogPartition id, FetchPartition request, Errors error) {

    public static FetchTarget of(TopicKey topic, LogPartition id, FetchPartition request) {
        return new FetchTarget(topic, id, request, Errors.NONE);
    }

    public static FetchTarget failed(TopicKey topic, FetchPartition request, Errors error) {
        return new FetchTarget(topic, null, request, error);
    }
}
