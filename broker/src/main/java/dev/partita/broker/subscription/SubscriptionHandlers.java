package dev.partita.broker.subscription;

import dev.partita.broker.server.RequestHandler;
import dev.partita.broker.server.handler.TopicService;
import java.util.List;

/** The request handlers of the subscription APIs this broker serves, for the dispatcher. */
public final class SubscriptionHandlers {

    private SubscriptionHandlers() {
    }

    public static List<RequestHandler<?>> all(SubscriptionManager manager, TopicService topics) {
        return List.of(
                new SubscribeHandler(manager, topics),
                new SessionHeartbeatHandler(manager),
                new AcquireHandler(manager, topics),
                new AcknowledgeHandler(manager, topics),
                new ReleaseHandler(manager, topics),
                new UnsubscribeHandler(manager));
    }
}
