package dev.partita.broker.zk;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;

/**
 * A Curator {@link CuratorCache} of one subtree that remembers when its first full load finished.
 * Change events reach the handler on Curator's single cache thread, in ZooKeeper order.
 */
final class ZkCache implements AutoCloseable {

    /** One change: the node before (null if created) and after (null if deleted). */
    record Change(ChildData before, ChildData after) {
        String path() {
            return after != null ? after.getPath() : before.getPath();
        }
    }

    private final CuratorCache cache;
    private final CountDownLatch initialized = new CountDownLatch(1);
    private final String path;

    ZkCache(CuratorFramework client, String path, Consumer<Change> onChange, Runnable onInitialized) {
        this.path = path;
        this.cache = CuratorCache.build(client, path);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forAll((type, before, after) -> onChange.accept(new Change(before, after)))
                .forInitialized(() -> {
                    initialized.countDown();
                    onInitialized.run();
                })
                .build());
    }

    void start() {
        cache.start();
    }

    boolean isInitialized() {
        return initialized.getCount() == 0;
    }

    void awaitInitialized(Duration timeout) {
        try {
            if (!initialized.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new CoordinationTimeoutException("ZooKeeper cache of " + path + " not loaded within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinationException("Interrupted waiting for the cache of " + path, e);
        }
    }

    Stream<ChildData> stream() {
        return cache.stream();
    }

    java.util.Optional<ChildData> get(String nodePath) {
        return cache.get(nodePath);
    }

    @Override
    public void close() {
        cache.close();
    }
}
