package dev.partita.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.zk.PartitionState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {

    private static PartitionState state(List<Integer> replicas, int leader, int epoch, List<Integer> isr) {
        return new PartitionState(replicas, leader, epoch, isr, 1, 5);
    }

    @Test
    void aNewPartitionIsLedByItsFirstReplicaAtEpochZero() {
        PartitionState initial = LeaderElection.initial(List.of(2, 0, 1), 3);
        assertThat(initial.leader()).isEqualTo(2);
        assertThat(initial.leaderEpoch()).isZero();
        assertThat(initial.isr()).containsExactly(2, 0, 1);
        assertThat(initial.controllerEpoch()).isEqualTo(3);
    }

    @Test
    void nothingChangesWhileEveryReplicaLives() {
        assertThat(LeaderElection.onBrokersChanged(state(List.of(0, 1, 2), 0, 4, List.of(0, 1, 2)), Set.of(0, 1, 2), 2)).isEmpty();
    }

    @Test
    void aDeadFollowerLeavesTheIsrAndTheLeaderAndEpochStay() {
        PartitionState next = LeaderElection.onBrokersChanged(state(List.of(0, 1, 2), 0, 4, List.of(0, 1, 2)), Set.of(0, 2), 2).orElseThrow();
        assertThat(next.leader()).isZero();
        assertThat(next.leaderEpoch()).isEqualTo(4);
        assertThat(next.isr()).containsExactly(0, 2);
        assertThat(next.zkVersion()).as("compare-and-set against the version read").isEqualTo(5);
        assertThat(next.controllerEpoch()).isEqualTo(2);
    }

    @Test
    void aDeadLeaderIsReplacedByThePreferredLiveIsrMemberWithTheNextEpoch() {
        PartitionState next = LeaderElection.onBrokersChanged(state(List.of(0, 1, 2), 0, 4, List.of(0, 2, 1)), Set.of(1, 2), 2).orElseThrow();
        assertThat(next.leader()).isEqualTo(1); // replica order decides, not ISR order
        assertThat(next.leaderEpoch()).isEqualTo(5);
        assertThat(next.isr()).containsExactly(2, 1);
    }

    @Test
    void aLiveReplicaOutsideTheIsrNeverLeads() {
        PartitionState next = LeaderElection.onBrokersChanged(state(List.of(0, 1, 2), 0, 4, List.of(0, 1)), Set.of(2), 2).orElseThrow();
        assertThat(next.leader()).isEqualTo(PartitionState.NO_LEADER);
        assertThat(next.leaderEpoch()).isEqualTo(5);
        assertThat(next.isr()).as("kept, so a returning in-sync replica leads").containsExactly(0, 1);
    }

    @Test
    void aReturningIsrMemberLeadsAnOfflinePartition() {
        PartitionState offline = state(List.of(0, 1), PartitionState.NO_LEADER, 5, List.of(0, 1));
        PartitionState next = LeaderElection.onBrokersChanged(offline, Set.of(1), 3).orElseThrow();
        assertThat(next.leader()).isEqualTo(1);
        assertThat(next.leaderEpoch()).isEqualTo(6);
        assertThat(next.isr()).containsExactly(1);
        assertThat(LeaderElection.onBrokersChanged(offline, Set.of(), 3)).isEmpty();
    }
}
