package dev.partita.broker.controller;

import dev.partita.broker.zk.InvalidReplicationFactorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which brokers hold each partition of a new log: round robin over the live brokers (sorted
 * by id), partition {@code p} starting at broker {@code (start + p) mod n} and taking the next
 * {@code rf - 1} brokers as followers. The first replica is the preferred leader, so leaders spread
 * evenly too. Pure function; rack awareness comes with the cluster issue.
 */
public final class ReplicaAssignment {

    private ReplicaAssignment() {
    }

    /**
     * @param partitions        number of partitions, at least 1
     * @param replicationFactor replicas per partition
     * @param liveBrokers       live broker ids, sorted, no duplicates
     * @param start             rotation of the first partition's leader (e.g. derived from the log id)
     * @return partition -> replicas, preferred leader first
     * @throws InvalidReplicationFactorException if the factor is below 1 or above the live broker count
     */
    public static Map<Integer, List<Integer>> assign(int partitions, int replicationFactor, List<Integer> liveBrokers, int start) {
        int n = liveBrokers.size();
        if (replicationFactor < 1 || replicationFactor > n) {
            throw new InvalidReplicationFactorException("Replication factor " + replicationFactor
                    + " cannot be met by " + n + " live broker(s) " + liveBrokers);
        }
        Map<Integer, List<Integer>> assignment = new LinkedHashMap<>();
        for (int p = 0; p < partitions; p++) {
            List<Integer> replicas = new ArrayList<>(replicationFactor);
            for (int r = 0; r < replicationFactor; r++) {
                replicas.add(liveBrokers.get(Math.floorMod(start + p + r, n)));
            }
            assignment.put(p, List.copyOf(replicas));
        }
        return assignment;
    }
}
