package dev.partita.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.broker.zk.InvalidReplicationFactorException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReplicaAssignmentTest {

    @Test
    void roundRobinFromTheStartBroker() {
        Map<Integer, List<Integer>> assignment = ReplicaAssignment.assign(4, 2, List.of(1, 2, 3), 1);
        assertThat(assignment).containsExactly(
                Map.entry(0, List.of(2, 3)),
                Map.entry(1, List.of(3, 1)),
                Map.entry(2, List.of(1, 2)),
                Map.entry(3, List.of(2, 3)));
    }

    @Test
    void singleBrokerHoldsEverything() {
        assertThat(ReplicaAssignment.assign(3, 1, List.of(0), 5)).containsOnly(
                Map.entry(0, List.of(0)), Map.entry(1, List.of(0)), Map.entry(2, List.of(0)));
    }

    @Test
    void moreReplicasThanLiveBrokersIsAnError() {
        assertThatThrownBy(() -> ReplicaAssignment.assign(1, 3, List.of(0, 1), 0))
                .isInstanceOf(InvalidReplicationFactorException.class).hasMessageContaining("2 live broker");
        assertThatThrownBy(() -> ReplicaAssignment.assign(1, 0, List.of(0, 1), 0))
                .isInstanceOf(InvalidReplicationFactorException.class);
    }

    @Property(tries = 200)
    void replicasAreDistinctLiveBrokersAndLeadersSpreadEvenly(@ForAll @IntRange(min = 1, max = 50) int partitions,
                                                               @ForAll @IntRange(min = 1, max = 7) int brokers,
                                                               @ForAll @IntRange(min = 1, max = 7) int rf,
                                                               @ForAll @IntRange(min = 0, max = 100) int start) {
        if (rf > brokers) {
            return;
        }
        List<Integer> live = java.util.stream.IntStream.range(0, brokers).map(i -> i * 10).boxed().toList();
        Map<Integer, List<Integer>> assignment = ReplicaAssignment.assign(partitions, rf, live, start);
        Map<Integer, Integer> leaders = new HashMap<>();
        assertThat(assignment).hasSize(partitions);
        assignment.values().forEach(replicas -> {
            assertThat(replicas).hasSize(rf).doesNotHaveDuplicates();
            assertThat(live).containsAll(replicas);
            leaders.merge(replicas.get(0), 1, Integer::sum);
        });
        List<Integer> leadCounts = live.stream().map(b -> leaders.getOrDefault(b, 0)).toList();
        int min = leadCounts.stream().min(Integer::compare).orElseThrow();
        int max = leadCounts.stream().max(Integer::compare).orElseThrow();
        assertThat(max - min).as("partitions led per broker %s", leadCounts).isLessThanOrEqualTo(1);
    }
}
