package dev.partita.broker.zk;

import java.util.SortedMap;

/** Told when the set of live brokers changes. Called on Curator's cache thread: do not block. */
@FunctionalInterface
public interface BrokerListener {
    /** @param liveBrokers every live broker by id, after the change */
    void onBrokersChanged(SortedMap<Integer, BrokerRegistration> liveBrokers);
}
