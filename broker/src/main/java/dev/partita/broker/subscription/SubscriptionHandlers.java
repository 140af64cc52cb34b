package dev.partita.broker.subscription;

import dev.partita.broker.controller.ClusterCoordinator;
import dev.partita.broker.partition.Appender;
import dev.partita.broker.server.RequestHandler;
import dev.partita.broker.server.handler.TopicService;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.protocol.message.DestinationKind;
import java.util.List;
import java.util.Map;

/** The request handlers of the subscription APIs this broker serves, for the dispatcher. */
public final class SubscriptionHandlers {

    private SubscriptionHandlers() {
    }

    /**
     * The handlers; the registries' threads are stopped with {@code manager}, which also learns
     * from the coordinator which logs are queues (for the retention floor).
     */
    public static List<RequestHandler<?>> all(SubscriptionManager manager, TopicService topics,
                                              ClusterCoordinator coordinator) {
        Registries registries = new Registries(coordinator.subscriptions(), coordinator.clientIds(),
                manager.replicas().brokerId());
        manager.useRegistries(registries);
        manager.useQueueLogs(logId -> coordinator.topics().topics().stream()
                .anyMatch(t -> t.logId().equals(logId) && t.topic().kind() == DestinationKind.QUEUE));
        manager.useDestinations(topics, logId -> coordinator.topics().topics().stream()
                .filter(t -> t.logId().equals(logId)).findFirst().map(TopicInfo::configs).orElse(Map.of()));
        TemporaryDestinations temporaries = new TemporaryDestinations(manager, topics,
                new Appender(manager.replicas(), manager.clock()), TemporaryDestinations.INTERNAL_TOPICS);
        manager.useTemporaryDestinations(temporaries);
        topics.useTemporaryDestinations(temporaries::resolve);
        ParkedAcquires parked = new ParkedAcquires();
        return List.of(
                new TemporaryHandlers.Create(temporaries),
                new TemporaryHandlers.Delete(temporaries),
                new SubscribeHandler(manager, topics, registries),
                new SessionHeartbeatHandler(manager),
                new AcquireHandler(manager, topics, parked),
                new AcknowledgeHandler(manager, topics),
                new ReleaseHandler(manager, topics),
                new UnsubscribeHandler(manager, registries, parked),
                new ClientIdHandlers.Claim(manager, registries),
                new ClientIdHandlers.Release(manager, registries),
                new BrowseHandler(manager, topics));
    }
}
