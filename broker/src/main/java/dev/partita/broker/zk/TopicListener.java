package dev.partita.broker.zk;

/** Told when destinations are created or deleted. Called on Curator's cache thread: do not block. */
public interface TopicListener {

    void onTopicCreated(TopicInfo topic);

    void onTopicDeleted(TopicInfo topic);
}
