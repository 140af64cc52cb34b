package dev.partita.broker.delivery;

import java.util.List;

/**
 * What {@link DeliveryLeader#poll} decided: expiry records to append (each applied, like every
 * record, once committed) and when to poll again at the latest.
 *
 * @param nextDeadlineMs {@link Long#MAX_VALUE} when no lease is running
 */
public record PollResult(List<StateRecord> records, long nextDeadlineMs) {

    public PollResult {
        records = List.copyOf(records);
    }
}
