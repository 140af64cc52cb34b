package dev.partita.broker.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.partita.broker.zk.CacheMemberRegistry;
import dev.partita.broker.zk.ZkPaths;
import dev.partita.broker.zk.ZkTestSupport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Hazelcast members discovering each other through a real (in-process) ZooKeeper, as brokers do.
 * Members bind 127.0.0.1 on ports picked at run time.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HazelcastOffsetCacheIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final SubscriptionGeneration ORDERS = new SubscriptionGeneration("queue:orders", 1);

    private static TestingServer zookeeper;

    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    private ZkPaths paths;

    @BeforeAll
    static void startZooKeeper(@TempDir Path dir) throws Exception {
        zookeeper = new TestingServer(-1, dir.resolve("zk").toFile(), true);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        zookeeper.close();
    }

    @BeforeEach
    void freshRoot() {
        paths = ZkTestSupport.freshPaths();
    }

    @AfterEach
    void closeEverything() throws Exception {
        List<AutoCloseable> reversed = new ArrayList<>(toClose);
        Collections.reverse(reversed);
        for (AutoCloseable closeable : reversed) {
            closeable.close();
        }
    }

    private static OffsetCacheConfig settings() {
        return OffsetCacheConfig.defaults("127.0.0.1").withPort(0).withStartupTimeout(Duration.ofSeconds(20));
    }

    /** A broker's side: its own ZooKeeper session and member registry. */
    private CacheMemberRegistry registry() {
        CuratorFramework client = ZkTestSupport.connect(zookeeper.getConnectString());
        toClose.add(client);
        CacheMemberRegistry registry = new CacheMemberRegistry(client, paths);
        toClose.add(registry);
        return registry;
    }

    private HazelcastOffsetCache member(int brokerId) {
        HazelcastOffsetCache cache = HazelcastOffsetCache.start(settings(), registry(), brokerId, paths.root());
        toClose.add(cache);
        return cache;
    }

    private static OffsetEntry entry(int leaderEpoch, long stateOffset) {
        return new OffsetEntry(stateOffset, stateOffset + 10, 10, 0, leaderEpoch, stateOffset, System.currentTimeMillis());
    }

    private static Optional<OffsetEntry> read(OffsetCache cache, OffsetKey key) throws Exception {
        return cache.get(key).get(10, TimeUnit.SECONDS);
    }

    @Test
    void twoMembersFindEachOtherThroughZooKeeperAndShareTheMap() throws Exception {
        HazelcastOffsetCache first = member(1);
        HazelcastOffsetCache second = member(2);
        await().atMost(WAIT).until(() -> first.clusterSize() == 2 && second.clusterSize() == 2);

        for (int partition = 0; partition < 3; partition++) {
            first.put(OffsetKey.of(ORDERS, "qorders", partition), new OffsetEntry(100, 150 + partition, 50 + partition, 0, 0, 7, 1));
        }
        first.put(new OffsetKey("durable:c1:audit", 2, "taudit", 0), new OffsetEntry(0, 5, 5, 0, 1, 3, 1));

        OffsetKey key = OffsetKey.of(ORDERS, "qorders", 1);
        await().atMost(WAIT).until(() -> read(second, key).isPresent());
        assertThat(read(second, key)).contains(new OffsetEntry(100, 151, 51, 0, 0, 7, 1));

        await().atMost(WAIT).until(() -> second.describe(ORDERS).get(10, TimeUnit.SECONDS).size() == 3);
        SortedMap<OffsetKey, OffsetEntry> described = second.describe(ORDERS).get(10, TimeUnit.SECONDS);
        assertThat(described.keySet()).extracting(OffsetKey::partition).containsExactly(0, 1, 2);

        await().atMost(WAIT).until(() -> second.lagTotals().get(10, TimeUnit.SECONDS).size() == 2);
        assertThat(second.lagTotals().get(10, TimeUnit.SECONDS)).containsExactly(
                new LagTotal(new SubscriptionGeneration("durable:c1:audit", 2), 1, 5),
                new LagTotal(ORDERS, 3, 50 + 51 + 52));
        assertThat(first.stats().dropped()).isZero();

        assertThat(second.entries(List.of("qorders")).get(10, TimeUnit.SECONDS).keySet())
                .extracting(OffsetKey::logId).containsExactly("qorders", "qorders", "qorders");
        assertThat(second.entries(List.of()).get(10, TimeUnit.SECONDS)).hasSize(4)
                .containsEntry(new OffsetKey("durable:c1:audit", 2, "taudit", 0), new OffsetEntry(0, 5, 5, 0, 1, 3, 1));
        assertThat(second.entries(List.of("nothing")).get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void membersStartingAtTheSameMomentEndUpInOneCluster() throws Exception {
        // both may see an empty member list and form a cluster each; the periodic merge check joins them
        CompletableFuture<HazelcastOffsetCache> first = CompletableFuture.supplyAsync(() -> member(1));
        CompletableFuture<HazelcastOffsetCache> second = CompletableFuture.supplyAsync(() -> member(2));
        HazelcastOffsetCache a = first.get(30, TimeUnit.SECONDS);
        HazelcastOffsetCache b = second.get(30, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> a.clusterSize() == 2 && b.clusterSize() == 2);

        OffsetKey key = OffsetKey.of(ORDERS, "qorders", 0);
        a.put(key, entry(0, 1));
        await().atMost(WAIT).until(() -> read(b, key).isPresent());
    }

    @Test
    void versionedWritesArrivingOutOfOrderFromBothMembersNeverRegress() throws Exception {
        HazelcastOffsetCache first = member(1);
        HazelcastOffsetCache second = member(2);
        await().atMost(WAIT).until(() -> first.clusterSize() == 2 && second.clusterSize() == 2);

        // the owner's compare on its own: an older write after a newer one is refused
        OffsetKey single = OffsetKey.of(ORDERS, "qorders", 9);
        first.put(single, entry(2, 40));
        await().atMost(WAIT).until(() -> read(second, single).map(OffsetEntry::stateOffset).orElse(-1L) == 40);
        second.put(single, entry(1, 99));
        second.put(single, entry(2, 39));
        // both older writes are refused by the owner, or merged on the way and then refused
        await().atMost(WAIT).until(() -> second.stats().superseded() + second.stats().coalesced() == 2);
        assertThat(second.stats().applied()).isZero();
        assertThat(read(first, single).orElseThrow().stateOffset()).isEqualTo(40);

        // many writers on both members, every version of three keys in a random order
        List<OffsetKey> keys = List.of(OffsetKey.of(ORDERS, "qorders", 0), OffsetKey.of(ORDERS, "qorders", 1),
                OffsetKey.of(ORDERS, "qorders", 2));
        List<long[]> versions = new ArrayList<>();
        for (int epoch = 0; epoch < 4; epoch++) {
            for (long offset = 0; offset < 50; offset++) {
                for (int k = 0; k < keys.size(); k++) {
                    versions.add(new long[] {k, epoch, offset});
                }
            }
        }
        Collections.shuffle(versions, new Random(42));
        int writers = 4;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            OffsetCache target = w % 2 == 0 ? first : second;
            List<long[]> share = versions.subList(w * versions.size() / writers, (w + 1) * versions.size() / writers);
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long[] v : share) {
                    target.put(keys.get((int) v[0]), entry((int) v[1], v[2]));
                }
            });
            thread.start();
            threads.add(thread);
        }
        // a reader watches every key while the writers run: versions only ever go up
        AtomicBoolean regressed = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger observed = new java.util.concurrent.atomic.AtomicInteger();
        Thread watcher = new Thread(() -> {
            long[][] seen = new long[keys.size()][];
            while (!done.get()) {
                for (int k = 0; k < keys.size(); k++) {
                    try {
                        Optional<OffsetEntry> now = read(first, keys.get(k));
                        if (now.isPresent()) {
                            long[] version = {now.get().leaderEpoch(), now.get().stateOffset()};
                            if (seen[k] != null && (version[0] < seen[k][0] || (version[0] == seen[k][0] && version[1] < seen[k][1]))) {
                                regressed.set(true);
                            }
                            seen[k] = version;
                            observed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            }
        });
        watcher.start();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        for (OffsetKey key : keys) {
            await().atMost(WAIT).until(() -> read(second, key).map(e -> e.leaderEpoch() == 3 && e.stateOffset() == 49).orElse(false));
        }
        done.set(true);
        watcher.join();
        assertThat(observed).hasPositiveValue();
        assertThat(regressed).isFalse();
        for (HazelcastOffsetCache cache : List.of(first, second)) {
            assertThat(cache.stats().dropped()).isZero();
            assertThat(cache.stats().failed()).isZero();
        }
    }

    @Test
    void whenOneMemberStopsTheOtherGoesOnAndWritesNeverThrow() throws Exception {
        HazelcastOffsetCache first = member(1);
        HazelcastOffsetCache second = member(2);
        await().atMost(WAIT).until(() -> first.clusterSize() == 2 && second.clusterSize() == 2);

        HazelcastInstance crashed = second.member();
        crashed.getLifecycleService().terminate(); // as a killed broker: no graceful leave
        await().atMost(WAIT).until(() -> first.clusterSize() == 1);

        assertThatCode(() -> {
            for (int partition = 0; partition < 200; partition++) {
                first.put(OffsetKey.of(ORDERS, "qorders", partition), entry(0, partition));
                second.put(OffsetKey.of(ORDERS, "qorders", partition), entry(0, partition));
            }
        }).doesNotThrowAnyException();

        // every write on the survivor is answered (applied here) or accounted for; none is lost silently
        await().atMost(WAIT).until(() -> {
            OffsetCacheStats stats = first.stats();
            return stats.accepted() == stats.coalesced() + stats.applied() + stats.superseded() + stats.dropped() + stats.failed();
        });
        assertThat(first.stats().applied()).isPositive();
        assertThat(read(first, OffsetKey.of(ORDERS, "qorders", 199))).isPresent();
        // the stopped member takes writes without throwing and counts them as dropped
        assertThat(second.isAvailable()).isFalse();
        await().atMost(WAIT).until(() -> second.stats().dropped() + second.stats().failed() == 200);
    }

    @Test
    void aMemberThatCannotStartLeavesTheBrokerWithTheNoOpCache() {
        // an address no interface of this host has: Hazelcast refuses to start
        OffsetCacheConfig unbindable = new OffsetCacheConfig(true, "203.0.113.7", 0, 1, Duration.ofSeconds(20),
                Duration.ofSeconds(5), 100, 10);
        CacheMemberRegistry registry = registry();
        OffsetCache cache = OffsetCaches.startOrNoOp(unbindable, registry, 5, paths.root());
        toClose.add(cache);

        assertThat(cache).isInstanceOf(NoOpOffsetCache.class);
        assertThatCode(() -> cache.put(OffsetKey.of(ORDERS, "qorders", 0), entry(0, 1))).doesNotThrowAnyException();
        assertThat(registry.readMembers()).isEmpty();

        OffsetCacheConfig disabled = new OffsetCacheConfig(false, "127.0.0.1", 0, 1, Duration.ofSeconds(20),
                Duration.ofSeconds(5), 100, 10);
        OffsetCache off = OffsetCaches.startOrNoOp(disabled, registry, 5, paths.root());
        toClose.add(off);
        assertThat(off).isInstanceOf(NoOpOffsetCache.class);
    }

    @Test
    void aBackgroundStartLetsTheBrokerGoOnAndSwitchesToTheMemberOnceItIsUp() throws Exception {
        CacheMemberRegistry registry = registry();
        BackgroundOffsetCache cache = new BackgroundOffsetCache(() -> OffsetCaches.startOrNoOp(settings(), registry, 3, paths.root()));
        toClose.add(cache);
        cache.put(OffsetKey.of(ORDERS, "qorders", 0), entry(0, 1)); // never blocks, even while starting

        assertThat(cache.started().get(30, TimeUnit.SECONDS)).isInstanceOf(HazelcastOffsetCache.class);
        assertThat(cache.isAvailable()).isTrue();
        OffsetKey key = OffsetKey.of(ORDERS, "qorders", 1);
        cache.put(key, entry(0, 2));
        await().atMost(WAIT).until(() -> read(cache, key).isPresent());

        BackgroundOffsetCache closedEarly = new BackgroundOffsetCache(
                () -> OffsetCaches.startOrNoOp(settings(), registry(), 4, paths.root()));
        closedEarly.close();
        OffsetCache late = closedEarly.started().get(30, TimeUnit.SECONDS);
        assertThat(late.isAvailable()).isFalse();
        assertThat(closedEarly.isAvailable()).isFalse();
    }

    @Test
    void aStartupThatOutlastsItsTimeoutFallsBackAndTheLateMemberIsStopped() {
        OffsetCache cache = OffsetCaches.startOrNoOp(settings().withStartupTimeout(Duration.ofMillis(1)), registry(), 77,
                paths.root());
        toClose.add(cache);

        assertThat(cache).isInstanceOf(NoOpOffsetCache.class);
        // the start goes on in the background; once it ends, the late member is shut down at once
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("partita-offset-cache-start")
                        || thread.getName().contains("partita-cache-77-")));
        assertThat(Hazelcast.getAllHazelcastInstances()).noneMatch(instance -> instance.getName().startsWith("partita-cache-77-"));
    }
}
