package dev.partita.broker.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.zk.SubscriptionRegistry.Attachment;
import dev.partita.broker.zk.SubscriptionRegistry.Outcome;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The subscription registry as two brokers (two ZooKeeper sessions on one server) see and race on it. */
@Timeout(60)
class SubscriptionRegistryIT {

    private static final TopicKey PRICES = TopicKey.topic("prices");
    private static final TopicKey NEWS = TopicKey.topic("news");
    private static TestingServer server;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final ZkPaths paths = ZkTestSupport.freshPaths();
    private SubscriptionRegistry one;
    private SubscriptionRegistry two;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        server = new TestingServer(true);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        server.close();
    }

    @BeforeEach
    void twoBrokers() {
        one = registry();
        two = registry();
    }

    private SubscriptionRegistry registry() {
        CuratorFramework client = ZkTestSupport.connect(server.getConnectString());
        toClose.push(client);
        SubscriptionRegistry registry = new SubscriptionRegistry(client, paths);
        registry.start();
        return registry;
    }

    @AfterEach
    void closeAll() throws Exception {
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
    }

    private static SubscriptionDefinition unshared(TopicKey topic, String logId, String selector, boolean noLocal) {
        return new SubscriptionDefinition(topic, logId, selector, noLocal, false);
    }

    private static SubscriptionDefinition shared(TopicKey topic, String selector) {
        return new SubscriptionDefinition(topic, "tprices", selector, false, true);
    }

    private static SubscriptionInfo.Consumer consumer(int brokerId) {
        return new SubscriptionInfo.Consumer(ConnectionId.of(UUID.randomUUID()), 1, brokerId);
    }

    @Test
    void anUnsharedDurableSubscriptionTakesOneConsumerAtATime() {
        SubscriptionKey.Durable key = SubscriptionKey.durable("app", "audit");
        SubscriptionDefinition definition = unshared(PRICES, "tprices", "region = 'EU'", false);
        SubscriptionInfo.Consumer first = consumer(1);
        SubscriptionInfo.Consumer second = consumer(2);

        Attachment created = one.attach(key, definition, first);
        assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(created.subscription()).isEqualTo(new SubscriptionInfo(key, PRICES, "tprices", "region = 'EU'",
                false, false, 1, List.of(first)));
        assertThat(two.lookup(key)).contains(created.subscription());
        assertThat(one.attach(key, definition, first)).as("a retried attach").isEqualTo(
                new Attachment(created.subscription(), Outcome.JOINED));

        assertThatThrownBy(() -> two.attach(key, definition, second))
                .isInstanceOf(SubscriptionInUseException.class).hasMessageContaining("active consumer");

        assertThat(two.detach(key, first)).isTrue();
        assertThat(two.detach(key, first)).as("detached twice").isFalse();
        Attachment joined = two.attach(key, definition, second);
        assertThat(joined.outcome()).isEqualTo(Outcome.JOINED);
        assertThat(joined.subscription().generation()).as("same subscription, same delivery state").isEqualTo(1);
        assertThat(one.lookup(key).orElseThrow().consumers()).containsExactly(second);
    }

    @Test
    void aConsumerWhoseConnectionMovedToAnotherBrokerAttachesAgainAsItself() {
        SubscriptionKey.Durable key = SubscriptionKey.durable("app", "audit");
        SubscriptionDefinition definition = unshared(PRICES, "tprices", null, false);
        SubscriptionInfo.Consumer viaOne = consumer(1);
        SubscriptionInfo.Consumer viaTwo = new SubscriptionInfo.Consumer(viaOne.connection(), viaOne.consumerId(), 2);
        one.attach(key, definition, viaOne);

        Attachment moved = two.attach(key, definition, viaTwo);
        assertThat(moved.outcome()).isEqualTo(Outcome.JOINED);
        assertThat(one.lookup(key).orElseThrow().consumers()).containsExactly(viaTwo);
        SubscriptionInfo.Consumer sameConnectionOtherConsumer =
                new SubscriptionInfo.Consumer(viaOne.connection(), viaOne.consumerId() + 1, 2);
        assertThatThrownBy(() -> two.attach(key, definition, sameConnectionOtherConsumer))
                .as("still one consumer at a time").isInstanceOf(SubscriptionInUseException.class);
        assertThat(one.detach(key, viaOne)).as("matched by connection and consumer id").isTrue();
        assertThat(two.lookup(key).orElseThrow().isActive()).isFalse();
    }

    @Test
    void anInactiveSubscriptionWhoseDefinitionChangedIsReplacedAndItsOldGenerationTombstoned() {
        SubscriptionKey.Durable key = SubscriptionKey.durable("app", "audit");
        SubscriptionInfo.Consumer consumer = consumer(1);
        one.attach(key, unshared(PRICES, "tprices", null, false), consumer);

        assertThatThrownBy(() -> two.attach(key, unshared(PRICES, "tprices", "x > 1", false), consumer(2)))
                .as("a change while active").isInstanceOf(SubscriptionInUseException.class);
        one.detach(key, consumer);

        List<SubscriptionDefinition> changes = List.of(
                unshared(PRICES, "tprices", "x > 1", false),      // selector
                unshared(PRICES, "tprices", "x > 1", true),       // noLocal
                unshared(NEWS, "tnews", "x > 1", true),           // topic
                unshared(NEWS, "tnews2", "x > 1", true),          // the topic was deleted and re-created
                unshared(NEWS, "tnews2", null, true));            // no selector again
        long generation = 1;
        for (SubscriptionDefinition change : changes) {
            SubscriptionInfo.Consumer next = consumer(2);
            Attachment replaced = two.attach(key, change, next);
            generation++;
            assertThat(replaced.outcome()).as(change.toString()).isEqualTo(Outcome.REPLACED);
            assertThat(replaced.subscription().generation()).isEqualTo(generation);
            assertThat(replaced.subscription().hasDefinition(change)).isTrue();
            two.detach(key, next);
        }
        assertThat(one.attach(key, unshared(NEWS, "tnews2", "  ", true), consumer(1)).outcome())
                .as("a blank selector is no selector").isEqualTo(Outcome.JOINED);

        List<SubscriptionTombstone> tombstones = one.tombstones();
        assertThat(tombstones).extracting(SubscriptionTombstone::generation).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(tombstones).extracting(SubscriptionTombstone::logId)
                .containsExactly("tprices", "tprices", "tprices", "tnews", "tnews2");
        assertThat(tombstones).allSatisfy(t -> assertThat(t.key()).isEqualTo(key));
        assertThat(two.removeTombstone(tombstones.get(0))).isTrue();
        assertThat(one.removeTombstone(tombstones.get(0))).isFalse();
        assertThat(one.tombstones()).hasSize(4);
    }

    @Test
    void sharedAndUnsharedDurableSubscriptionsShareOneNamespaceButNotANameAndSharedNonDurableHasItsOwn() {
        SubscriptionKey.Durable durable = SubscriptionKey.durable(null, "orders");
        Attachment a = one.attach(durable, shared(PRICES, null), consumer(1));
        Attachment b = two.attach(durable, shared(PRICES, null), consumer(2));
        assertThat(a.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(b.outcome()).isEqualTo(Outcome.JOINED);
        assertThat(b.subscription().consumers()).hasSize(2);
        assertThat(b.subscription().shared()).isTrue();
        assertThatThrownBy(() -> one.attach(durable, shared(PRICES, "a = 1"), consumer(1)))
                .as("a shared subscription with consumers cannot change").isInstanceOf(SubscriptionInUseException.class);

        SubscriptionKey.Durable withClientId = SubscriptionKey.durable("app", "orders");
        one.attach(withClientId, unshared(PRICES, "tprices", null, false), consumer(1));
        assertThatThrownBy(() -> two.attach(withClientId, shared(PRICES, null), consumer(2)))
                .isInstanceOf(SubscriptionSharingMismatchException.class).hasMessageContaining("unshared");
        assertThatThrownBy(() -> two.attach(durable, unshared(PRICES, "tprices", null, false),
                consumer(2))).as("no client ID: caught as unshared-needs-a-client-ID")
                .isInstanceOf(InvalidSubscriptionException.class);
        SubscriptionKey.Durable sharedWithClientId = SubscriptionKey.durable("app2", "orders");
        one.attach(sharedWithClientId, shared(PRICES, null), consumer(1));
        assertThatThrownBy(() -> two.attach(sharedWithClientId, unshared(PRICES, "tprices", null, false), consumer(2)))
                .isInstanceOf(SubscriptionSharingMismatchException.class);

        Attachment nonDurable = two.attach(SubscriptionKey.shared(null, "orders"), shared(NEWS, null), consumer(2));
        assertThat(nonDurable.outcome()).as("its own namespace").isEqualTo(Outcome.CREATED);
        assertThat(one.subscriptions()).hasSize(4);
    }

    @Test
    void aSharedNonDurableSubscriptionLivesWhileItHasConsumers() {
        SubscriptionKey.Shared key = SubscriptionKey.shared("app", "workers");
        SubscriptionInfo.Consumer first = consumer(1);
        SubscriptionInfo.Consumer second = consumer(2);
        one.attach(key, shared(PRICES, null), first);
        two.attach(key, shared(PRICES, null), second);

        assertThat(one.detach(key, first)).isTrue();
        assertThat(two.lookup(key).orElseThrow().consumers()).containsExactly(second);
        assertThat(two.detach(key, second)).isTrue();
        assertThat(one.lookup(key)).as("gone with its last consumer").isEmpty();
        assertThat(one.tombstones()).singleElement().satisfies(t -> assertThat(t.generation()).isEqualTo(1));

        Attachment again = two.attach(key, shared(PRICES, null), first);
        assertThat(again.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(again.subscription().generation()).as("never reuses a generation").isEqualTo(2);
        assertThatThrownBy(() -> one.unsubscribe(SubscriptionKey.durable("app", "workers")))
                .as("unsubscribe names durable subscriptions only").isInstanceOf(UnknownSubscriptionException.class);
    }

    @Test
    void unsubscribeDeletesOnlyAnInactiveDurableSubscription() {
        SubscriptionKey.Durable key = SubscriptionKey.durable("app", "audit");
        SubscriptionInfo.Consumer consumer = consumer(1);
        assertThatThrownBy(() -> one.unsubscribe(key)).isInstanceOf(UnknownSubscriptionException.class);
        one.attach(key, unshared(PRICES, "tprices", null, false), consumer);

        assertThatThrownBy(() -> two.unsubscribe(key)).isInstanceOf(SubscriptionInUseException.class);
        one.detach(key, consumer);
        SubscriptionInfo deleted = two.unsubscribe(key);
        assertThat(deleted.generation()).isEqualTo(1);
        assertThat(one.lookup(key)).isEmpty();
        assertThatThrownBy(() -> one.unsubscribe(key)).isInstanceOf(UnknownSubscriptionException.class);
        assertThat(one.tombstones()).extracting(SubscriptionTombstone::generation).containsExactly(1L);

        Attachment recreated = one.attach(key, unshared(PRICES, "tprices", null, false), consumer);
        assertThat(recreated.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(recreated.subscription().generation()).isEqualTo(2);
    }

    @Test
    void aLeaseExpiryFreesEveryConsumerOfThatConnection() {
        ConnectionId expired = ConnectionId.of(UUID.randomUUID());
        SubscriptionInfo.Consumer expiredA = new SubscriptionInfo.Consumer(expired, 1, 1);
        SubscriptionInfo.Consumer expiredB = new SubscriptionInfo.Consumer(expired, 2, 1);
        SubscriptionInfo.Consumer alive = consumer(2);
        SubscriptionKey.Durable durable = SubscriptionKey.durable("app", "audit");
        SubscriptionKey.Shared onlyExpired = SubscriptionKey.shared(null, "lonely");
        SubscriptionKey.Shared mixed = SubscriptionKey.shared(null, "mixed");
        one.attach(durable, unshared(PRICES, "tprices", null, false), expiredA);
        one.attach(onlyExpired, shared(PRICES, null), expiredB);
        one.attach(mixed, shared(PRICES, null), expiredA);
        two.attach(mixed, shared(PRICES, null), alive);

        assertThat(two.expire(expired)).isEqualTo(3);
        assertThat(one.lookup(durable).orElseThrow().isActive()).isFalse();
        assertThat(one.lookup(onlyExpired)).isEmpty();
        assertThat(one.lookup(mixed).orElseThrow().consumers()).containsExactly(alive);
        assertThat(two.attach(durable, unshared(PRICES, "tprices", null, false), alive).outcome())
                .as("the durable subscription is free for another connection").isEqualTo(Outcome.JOINED);
        assertThat(one.expire(expired)).isZero();
    }

    @Test
    void keysThatAConcatenationWouldConfuseStayApart() {
        List<SubscriptionKey.Durable> keys = List.of(
                SubscriptionKey.durable("a", "b.c"), SubscriptionKey.durable("a.b", "c"),
                SubscriptionKey.durable("a.b.c", "."), SubscriptionKey.durable(null, "a.b.c"),
                SubscriptionKey.durable(null, ".."), SubscriptionKey.durable("x/y", "z"),
                SubscriptionKey.durable("x", "y/z"), SubscriptionKey.durable("日本", "emoji \uD83D\uDE00"));
        for (SubscriptionKey.Durable key : keys) {
            one.attach(key, shared(PRICES, null), consumer(1));
        }
        assertThat(two.subscriptions()).extracting(SubscriptionInfo::key).containsExactlyInAnyOrderElementsOf(keys);
        for (SubscriptionKey.Durable key : keys) {
            assertThat(two.lookup(key)).map(SubscriptionInfo::key).contains(key);
        }
    }

    @Test
    void invalidRequestsAreRefused() {
        SubscriptionInfo.Consumer consumer = consumer(1);
        SubscriptionDefinition anyShared = shared(PRICES, null);
        for (SubscriptionKey bad : List.of(SubscriptionKey.durable("app", ""), SubscriptionKey.shared(null, "x".repeat(1001)),
                SubscriptionKey.durable("\uD800", "n"), SubscriptionKey.queue("q"),
                SubscriptionKey.privateTo(UUID.randomUUID(), 1))) {
            assertThatThrownBy(() -> one.attach(bad, anyShared, consumer)).as(bad.toString())
                    .isInstanceOf(InvalidSubscriptionException.class);
        }
        assertThatThrownBy(() -> one.attach(SubscriptionKey.durable(null, "n"), unshared(PRICES, "tprices", null, false),
                consumer)).isInstanceOf(InvalidSubscriptionException.class).hasMessageContaining("client ID");
        assertThatThrownBy(() -> one.attach(SubscriptionKey.shared(null, "n"), shared(PRICES, "x".repeat(40_000)), consumer))
                .isInstanceOf(InvalidSubscriptionException.class).hasMessageContaining("Selector");
        assertThat(one.subscriptions()).isEmpty();
    }

    @Test
    void twoBrokersRacingForAnUnsharedDurableSubscriptionGiveItToExactlyOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                SubscriptionKey.Durable key = SubscriptionKey.durable("app", "race-" + round);
                // odd rounds: an inactive subscription exists and both ask for another selector
                if (round % 2 == 1) {
                    SubscriptionInfo.Consumer setup = consumer(1);
                    one.attach(key, unshared(PRICES, "tprices", null, false), setup);
                    one.detach(key, setup);
                }
                SubscriptionDefinition viaOne = unshared(PRICES, "tprices", "a = 1", false);
                SubscriptionDefinition viaTwo = unshared(PRICES, "tprices", "a = 2", false);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Object> a = pool.submit(attachOrFailure(one, key, viaOne, start));
                Future<Object> b = pool.submit(attachOrFailure(two, key, viaTwo, start));
                List<Object> results = List.of(a.get(20, TimeUnit.SECONDS), b.get(20, TimeUnit.SECONDS));

                assertThat(results).as("round %d", round).filteredOn(Attachment.class::isInstance).hasSize(1);
                assertThat(results).filteredOn(SubscriptionInUseException.class::isInstance).hasSize(1);
                Attachment winner = (Attachment) results.stream().filter(Attachment.class::isInstance).findFirst().orElseThrow();
                assertThat(winner.outcome()).isEqualTo(round % 2 == 1 ? Outcome.REPLACED : Outcome.CREATED);
                assertThat(one.lookup(key)).contains(winner.subscription());
            }
            assertThat(one.tombstones()).as("one tombstone per replacement").hasSize(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoBrokersJoiningASharedSubscriptionAtOnceLoseNoConsumer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                SubscriptionKey key = round % 2 == 0 ? SubscriptionKey.shared("app", "pool-" + round)
                        : SubscriptionKey.durable(null, "pool-" + round);
                SubscriptionInfo.Consumer c1 = consumer(1);
                SubscriptionInfo.Consumer c2 = consumer(2);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Object> a = pool.submit(attachOrFailure(one, key, shared(PRICES, null), c1, start));
                Future<Object> b = pool.submit(attachOrFailure(two, key, shared(PRICES, null), c2, start));
                List<Object> results = List.of(a.get(20, TimeUnit.SECONDS), b.get(20, TimeUnit.SECONDS));

                assertThat(results).extracting(r -> ((Attachment) r).outcome())
                        .containsExactlyInAnyOrder(Outcome.CREATED, Outcome.JOINED);
                assertThat(one.lookup(key).orElseThrow().consumers()).containsExactlyInAnyOrder(c1, c2);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unsubscribeRacingAnAttachEndsInOneConsistentOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                SubscriptionKey.Durable key = SubscriptionKey.durable("app", "churn-" + round);
                SubscriptionDefinition definition = unshared(PRICES, "tprices", null, false);
                SubscriptionInfo.Consumer setup = consumer(1);
                one.attach(key, definition, setup);
                one.detach(key, setup);
                SubscriptionInfo.Consumer attacher = consumer(2);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Object> unsubscribe = pool.submit(() -> {
                    start.await();
                    try {
                        return one.unsubscribe(key);
                    } catch (SubscriptionInUseException e) {
                        return e;
                    }
                });
                Future<Object> attach = pool.submit(attachOrFailure(two, key, definition, attacher, start));
                Object unsubscribed = unsubscribe.get(20, TimeUnit.SECONDS);
                Attachment attached = (Attachment) attach.get(20, TimeUnit.SECONDS);

                SubscriptionInfo now = one.lookup(key).orElseThrow();
                assertThat(now.consumers()).containsExactly(attacher);
                if (unsubscribed instanceof SubscriptionInfo) { // deleted first: the attach made a new generation
                    assertThat(attached.outcome()).isEqualTo(Outcome.CREATED);
                    assertThat(now.generation()).isEqualTo(2);
                } else { // joined first: the subscription was active, so it could not be deleted
                    assertThat(unsubscribed).isInstanceOf(SubscriptionInUseException.class);
                    assertThat(attached.outcome()).isEqualTo(Outcome.JOINED);
                    assertThat(now.generation()).isEqualTo(1);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Callable<Object> attachOrFailure(SubscriptionRegistry registry, SubscriptionKey key,
                                                    SubscriptionDefinition definition, CyclicBarrier start) {
        return attachOrFailure(registry, key, definition, consumer(0), start);
    }

    private static Callable<Object> attachOrFailure(SubscriptionRegistry registry, SubscriptionKey key,
                                                    SubscriptionDefinition definition,
                                                    SubscriptionInfo.Consumer consumer, CyclicBarrier start) {
        return () -> {
            start.await();
            try {
                return registry.attach(key, definition, consumer);
            } catch (SubscriptionInUseException e) {
                return e;
            }
        };
    }
}
