package dev.partita.client.admin;

import dev.partita.client.ClientConfig;
import dev.partita.client.metadata.MetadataCache;
import dev.partita.client.metadata.PartitionInfo;
import dev.partita.client.metadata.TopicPartition;
import dev.partita.client.network.BrokerEndpoint;
import dev.partita.client.network.Futures;
import dev.partita.client.network.NetworkClient;
import dev.partita.client.network.RetryPolicy;
import dev.partita.protocol.message.ApiException;
import dev.partita.protocol.message.CreateTopicsRequest;
import dev.partita.protocol.message.CreateTopicsResponse;
import dev.partita.protocol.message.DeleteTopicsRequest;
import dev.partita.protocol.message.DeleteTopicsResponse;
import dev.partita.protocol.message.DescribeSubscriptionsRequest;
import dev.partita.protocol.message.DescribeSubscriptionsResponse;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.ListOffsetsRequest;
import dev.partita.protocol.message.ListOffsetsResponse;
import dev.partita.protocol.message.MetadataRequest;
import dev.partita.protocol.message.MetadataResponse;
import dev.partita.protocol.message.TopicKey;
import dev.partita.protocol.message.TopicResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Cluster administration: create and delete topics, read metadata, look up offsets, describe
 * subscriptions.
 *
 * <p>Requests that any broker can answer go to one (the next one after a failure); list offsets
 * goes to the partition's leader. Retriable errors (lost connection, leader moved, no controller
 * yet) are retried with back-off for up to {@code requestTimeoutMs}; other errors fail the future
 * with the broker's {@code ApiException} (e.g. TOPIC_ALREADY_EXISTS).
 *
 * <p>Thread-safe. Futures complete on the client's callback thread.
 */
public final class Admin {

    private final MetadataCache metadata;
    private final NetworkClient network;
    private final Executor callbacks;
    private final RetryPolicy retry;
    private final ClientConfig config;

    /** Normally obtained from {@code PartitaClient.admin()}. */
    public Admin(ClientConfig config, MetadataCache metadata, NetworkClient network, Executor callbacks,
                 ScheduledExecutorService scheduler) {
        this.config = config;
        this.metadata = metadata;
        this.network = network;
        this.callbacks = callbacks;
        this.retry = new RetryPolicy(scheduler, config.retryBackoffMs(), config.requestTimeoutMs());
    }

    /**
     * Creates a topic. {@code partitions} -1 and {@code replicationFactor} -1 take the broker's
     * defaults. Completes once the controller registered it; its leaders may take a moment more
     * (producers and consumers wait for them).
     */
    public CompletableFuture<Void> createTopic(TopicKey topic, int partitions, short replicationFactor, Map<String, String> configs) {
        CreateTopicsRequest request = new CreateTopicsRequest(List.of(new CreateTopicsRequest.CreatableTopic(
                topic, partitions, replicationFactor, configs == null ? Map.of() : Map.copyOf(configs))),
                config.requestTimeoutMs(), false);
        return Futures.completeOn(retry.call(() -> anyBroker(request, CreateTopicsResponse.class)
                .thenApply(r -> checkResult(topic, r.results()))), callbacks);
    }

    /** Deletes a topic and its logs. */
    public CompletableFuture<Void> deleteTopic(TopicKey topic) {
        DeleteTopicsRequest request = new DeleteTopicsRequest(List.of(topic), config.requestTimeoutMs());
        return Futures.completeOn(retry.call(() -> anyBroker(request, DeleteTopicsResponse.class)
                .thenApply(r -> checkResult(topic, r.results()))), callbacks);
    }

    /** Brokers, controller and the given topics ({@code null} for all), without creating any. */
    public CompletableFuture<MetadataResponse> metadata(List<TopicKey> topics) {
        MetadataRequest request = new MetadataRequest(topics, false);
        return Futures.completeOn(retry.call(() -> anyBroker(request, MetadataResponse.class)), callbacks);
    }

    /**
     * The subscriptions of {@code destinations} ({@code null}: of every destination) with their
     * progress per partition (committed start, log end, lag, consumers), as the answering broker's
     * offset cache holds it: up to a few seconds stale, and a partition the cache has not heard of
     * yet is missing. Fails with the broker's {@code ApiException} OFFSET_CACHE_UNAVAILABLE when that
     * broker runs without its cache (disabled, starting or stopped); that is not retried.
     */
    public CompletableFuture<List<DescribeSubscriptionsResponse.DescribedSubscription>> describeSubscriptions(
            List<TopicKey> destinations) {
        DescribeSubscriptionsRequest request = new DescribeSubscriptionsRequest(destinations);
        return Futures.completeOn(retry.call(() -> anyBroker(request, DescribeSubscriptionsResponse.class)
                .thenApply(response -> {
                    if (response.error() != Errors.NONE) {
                        String message = response.errorMessage() != null ? response.errorMessage() : response.error().message();
                        throw response.error().exception(message);
                    }
                    return response.subscriptions();
                })), callbacks);
    }

    /**
     * The offset for {@code timestamp} in a partition: {@link ListOffsetsRequest#EARLIEST_TIMESTAMP}
     * gives the log start, {@link ListOffsetsRequest#LATEST_TIMESTAMP} the log end (the next offset
     * to be written), any other value the first offset whose timestamp is at or after it (-1 if none).
     */
    public CompletableFuture<Long> listOffset(TopicKey topic, int partition, long timestamp) {
        return Futures.completeOn(listOffsetInternal(new TopicPartition(topic, partition), timestamp), callbacks);
    }

    /** As {@link #listOffset} but completing on the event loop: for the client's own blocking callers. */
    public CompletableFuture<Long> listOffsetInternal(TopicPartition tp, long timestamp) {
        return retry.call(() -> metadata.topic(tp.topic(), false, config.requestTimeoutMs()).thenCompose(info -> {
            PartitionInfo partition = info.partition(tp.partition());
            if (partition == null) {
                throw Errors.UNKNOWN_TOPIC_OR_PARTITION.exception("topic " + tp.topic() + " has no partition " + tp.partition());
            }
            Optional<BrokerEndpoint> leader = metadata.leaderEndpoint(tp);
            if (leader.isEmpty()) {
                metadata.requestUpdate();
                throw Errors.LEADER_NOT_AVAILABLE.exception("no leader for " + tp);
            }
            ListOffsetsRequest request = new ListOffsetsRequest(-1, config.isolationLevel(), List.of(
                    new ListOffsetsRequest.ListOffsetsTopic(tp.topic(), List.of(
                            new ListOffsetsRequest.ListOffsetsPartition(tp.partition(), partition.leaderEpoch(), timestamp)))));
            return network.send(leader.get(), request, ListOffsetsResponse.class).thenApply(response -> offsetOf(tp, response));
        }).whenComplete((offset, error) -> {
            if (error != null && Futures.unwrap(error) instanceof ApiException api && MetadataCache.isStaleMetadataError(api.error())) {
                metadata.requestUpdate();
            }
        }));
    }

    private long offsetOf(TopicPartition tp, ListOffsetsResponse response) {
        for (ListOffsetsResponse.ListOffsetsTopicResponse topic : response.topics()) {
            if (!topic.topic().equals(tp.topic())) {
                continue;
            }
            for (ListOffsetsResponse.ListOffsetsPartitionResponse p : topic.partitions()) {
                if (p.partition() == tp.partition()) {
                    if (p.error() != Errors.NONE) {
                        throw p.error().exception("list offsets for " + tp + ": " + p.error().message());
                    }
                    return p.offset();
                }
            }
        }
        throw Errors.UNKNOWN_SERVER_ERROR.exception("the list offsets response has no result for " + tp);
    }

    private <R extends dev.partita.protocol.message.ApiResponse> CompletableFuture<R> anyBroker(
            dev.partita.protocol.message.ApiRequest request, Class<R> type) {
        BrokerEndpoint broker = metadata.anyBroker();
        return network.send(broker, request, type).whenComplete((r, error) -> {
            if (error != null && Futures.unwrap(error) instanceof ApiException api && api.error() == Errors.NETWORK_EXCEPTION) {
                metadata.brokerFailed(broker);
            }
        });
    }

    private static Void checkResult(TopicKey topic, List<TopicResult> results) {
        for (TopicResult result : results) {
            if (result.topic().equals(topic)) {
                if (result.error() != Errors.NONE) {
                    String message = result.errorMessage() != null ? result.errorMessage() : result.error().message();
                    throw result.error().exception(topic + ": " + message);
                }
                return null;
            }
        }
        throw Errors.UNKNOWN_SERVER_ERROR.exception("the response has no result for " + topic);
    }
}
