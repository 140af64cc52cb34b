package dev.partita.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.broker.zk.LogPartition;
import dev.partita.broker.zk.LogSnapshot;
import dev.partita.broker.zk.PartitionState;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.protocol.message.TopicKey;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ControllerPlannerTest {

    private static final TopicInfo ORDERS = new TopicInfo(TopicKey.queue("orders"), "qorders", 2, (short) 2, Map.of());

    private static TreeSet<Integer> live(Integer... ids) {
        return new TreeSet<>(List.of(ids));
    }

    @Test
    void aNewDestinationGetsInitialStateForEveryPartition() {
        List<ControllerAction> actions = ControllerPlanner.plan(List.of(ORDERS), Map.of(), live(0, 1, 2), 7);
        assertThat(actions).hasSize(1);
        ControllerAction.CreateLog create = (ControllerAction.CreateLog) actions.get(0);
        assertThat(create.logId()).isEqualTo("qorders");
        assertThat(create.partitions()).containsOnlyKeys(0, 1);
        create.partitions().values().forEach(state -> {
            assertThat(state.replicas()).hasSize(2);
            assertThat(state.leader()).isEqualTo(state.replicas().get(0));
            assertThat(state.isr()).isEqualTo(state.replicas());
            assertThat(state.leaderEpoch()).isZero();
            assertThat(state.controllerEpoch()).isEqualTo(7);
        });
    }

    @Test
    void tooFewBrokersIsRecordedOnceAndAssignedWhenBrokersJoin() {
        List<ControllerAction> first = ControllerPlanner.plan(List.of(ORDERS), Map.of(), live(0), 1);
        assertThat(first).singleElement().isInstanceOf(ControllerAction.RecordAssignmentError.class);
        String message = ((ControllerAction.RecordAssignmentError) first.get(0)).message();
        assertThat(message).contains("queue:orders").contains("Replication factor 2");

        LogSnapshot recorded = new LogSnapshot("qorders", new TreeMap<>(), message);
        assertThat(ControllerPlanner.plan(List.of(ORDERS), Map.of("qorders", recorded), live(0), 1)).isEmpty();
        assertThat(ControllerPlanner.plan(List.of(ORDERS), Map.of("qorders", recorded), live(0, 1), 1))
                .singleElement().isInstanceOf(ControllerAction.CreateLog.class);
    }

    @Test
    void aLogWithoutDestinationIsRemoved() {
        LogSnapshot orphan = LogSnapshot.of("qgone", Map.of(0, LeaderElection.initial(List.of(0), 1).withZkVersion(0)));
        assertThat(ControllerPlanner.plan(List.of(), Map.of("qgone", orphan), live(0), 2))
                .containsExactly(new ControllerAction.RemoveLog("qgone"));
    }

    @Test
    void partitionsOfADeadBrokerGetNewLeaders() {
        PartitionState ledBy0 = new PartitionState(List.of(0, 1), 0, 3, List.of(0, 1), 1, 4);
        PartitionState ledBy1 = new PartitionState(List.of(1, 0), 1, 0, List.of(1, 0), 1, 0);
        LogSnapshot log = LogSnapshot.of("qorders", Map.of(0, ledBy0, 1, ledBy1));
        List<ControllerAction> actions = ControllerPlanner.plan(List.of(ORDERS), Map.of("qorders", log), live(1), 2);
        assertThat(actions).containsExactlyInAnyOrder(
                new ControllerAction.UpdatePartition(new LogPartition("qorders", 0), ledBy0,
                        new PartitionState(List.of(0, 1), 1, 4, List.of(1), 2, 4)),
                new ControllerAction.UpdatePartition(new LogPartition("qorders", 1), ledBy1,
                        new PartitionState(List.of(1, 0), 1, 0, List.of(1), 2, 0)));
    }

    @Test
    void aSettledClusterNeedsNoWrites() {
        PartitionState p0 = new PartitionState(List.of(0, 1), 0, 0, List.of(0, 1), 1, 0);
        PartitionState p1 = new PartitionState(List.of(1, 0), 1, 0, List.of(1, 0), 1, 0);
        LogSnapshot log = LogSnapshot.of("qorders", Map.of(0, p0, 1, p1));
        assertThat(ControllerPlanner.plan(List.of(ORDERS), Map.of("qorders", log), live(0, 1), 5)).isEmpty();
    }
}
