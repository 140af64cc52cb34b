package dev.partita.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.broker.zk.InvalidReplicationFactorException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
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
    @Test
    void brokersAreDealtOneRackAtATime() {
        SortedMap<Integer, String> racks = new TreeMap<>(Map.of(0, "a", 1, "a", 2, "b", 3, "b", 4, "c"));
        assertThat(ReplicaAssignment.rackAlternating(racks)).containsExactly(0, 2, 4, 1, 3);
        SortedMap<Integer, String> none = new TreeMap<>();
        none.put(2, null);
        none.put(0, null);
        assertThat(ReplicaAssignment.rackAlternating(none)).containsExactly(0, 2);
        SortedMap<Integer, String> some = new TreeMap<>();
        some.put(0, null);
        some.put(1, null);
        some.put(2, "r");
        assertThat(ReplicaAssignment.rackAlternating(some)).as("no rack counts as a rack of its own").containsExactly(0, 2, 1);
    }

    @Property(tries = 200)
    void withBalancedRacksNoPartitionHasTwoReplicasOnOneRack(@ForAll @IntRange(min = 1, max = 30) int partitions,
                                                             @ForAll @IntRange(min = 1, max = 4) int rackCount,
                                                             @ForAll @IntRange(min = 1, max = 3) int brokersPerRack,
                                                             @ForAll @IntRange(min = 1, max = 4) int rf,
                                                             @ForAll @IntRange(min = 0, max = 100) int start) {
        if (rf > rackCount) {
            return;
        }
        SortedMap<Integer, String> racks = new TreeMap<>();
        for (int r = 0; r < rackCount; r++) {
            for (int b = 0; b < brokersPerRack; b++) {
                racks.put(b * 10 + r, "rack-" + r); // ids interleave so id order alone would not separate racks
            }
        }
        Map<Integer, List<Integer>> assignment = ReplicaAssignment.assign(partitions, rf,
                ReplicaAssignment.rackAlternating(racks), start);
        assignment.values().forEach(replicas ->
                assertThat(replicas.stream().map(racks::get).distinct().count()).isEqualTo(rf));
    }
}
