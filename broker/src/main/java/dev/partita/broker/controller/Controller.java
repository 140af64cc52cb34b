package dev.partita.broker.controller;

import dev.partita.broker.zk.BrokerListener;
import dev.partita.broker.zk.BrokerRegistry;
import dev.partita.broker.zk.ControllerElection;
import dev.partita.broker.zk.ControllerEpochFence;
import dev.partita.broker.zk.ControllerListener;
import dev.partita.broker.zk.LogSnapshot;
import dev.partita.broker.zk.PartitionStateWriter;
import dev.partita.broker.zk.StaleControllerEpochException;
import dev.partita.broker.zk.TopicInfo;
import dev.partita.broker.zk.TopicListener;
import dev.partita.broker.zk.TopicRegistry;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster controller, active on the one broker that won the {@link ControllerElection}. A thin
 * shell: any event (elected, destinations or live brokers changed) schedules one reconciliation on
 * its thread ({@code partita-controller}), which reads destinations, logs and live brokers from
 * ZooKeeper, asks {@link ControllerPlanner} what to write, and writes each action as one transaction
 * fenced by the controller epoch. A failed write is retried by a later reconciliation; a
 * {@link StaleControllerEpochException} means a newer controller exists, and this one stops writing.
 *
 * <p>Thread-safe: all decisions and writes happen on the controller thread.
 */
public final class Controller implements ControllerListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Controller.class);
    private static final long RETRY_DELAY_MS = 500;

    private final ControllerElection election;
    private final BrokerRegistry brokers;
    private final TopicRegistry topics;
    private final PartitionStateWriter states;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong reconciliations = new AtomicLong();
    private final BrokerListener brokerListener = live -> requestReconcile();
    private final TopicListener topicListener = new TopicListener() {
        @Override
        public void onTopicCreated(TopicInfo topic) {
            requestReconcile();
        }

        @Override
        public void onTopicDeleted(TopicInfo topic) {
            requestReconcile();
        }
    };
    private volatile ControllerEpochFence fence;
    private volatile boolean closed;

    public Controller(ControllerElection election, BrokerRegistry brokers, TopicRegistry topics, PartitionStateWriter states) {
        this.election = election;
        this.brokers = brokers;
        this.topics = topics;
        this.states = states;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "partita-controller-" + election.brokerId());
            t.setDaemon(true);
            return t;
        });
    }

    /** Subscribes to the election and to changes; call before {@link ControllerElection#start}. */
    public void start() {
        election.addListener(this);
        brokers.addListener(brokerListener);
        topics.addListener(topicListener);
    }

    /** True while this broker acts as controller. */
    public boolean isActive() {
        return fence != null;
    }

    /** How many reconciliations ran to completion (for tests and metrics). */
    public long reconciliations() {
        return reconciliations.get();
    }

    @Override
    public void onElected(ControllerEpochFence fence) {
        this.fence = fence;
        requestReconcile();
    }

    @Override
    public void onResigned() {
        fence = null;
    }

    /** Schedules a reconciliation unless one is already waiting to run. */
    public void requestReconcile() {
        if (!closed && fence != null && pending.compareAndSet(false, true)) {
            try {
                thread.execute(this::reconcile);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                pending.set(false);
            }
        }
    }

    private void reconcile() {
        pending.set(false);
        ControllerEpochFence current = fence;
        if (current == null || closed) {
            return;
        }
        try {
            List<TopicInfo> registered = topics.readTopics();
            Map<String, LogSnapshot> logs = states.readAll();
            SortedMap<Integer, String> liveRacks = new TreeMap<>();
            brokers.readLiveBrokers().forEach((id, broker) -> liveRacks.put(id, broker.rack()));
            List<ControllerAction> actions = ControllerPlanner.plan(registered, logs, liveRacks, current.epoch());
            for (ControllerAction action : actions) {
                execute(current, action);
            }
            reconciliations.incrementAndGet();
        } catch (StaleControllerEpochException e) {
            log.warn("Controller on broker {} was fenced by a newer controller: {}", election.brokerId(), e.getMessage());
            if (fence == current) {
                fence = null;
            }
        } catch (RuntimeException e) { // ZooKeeper trouble (CoordinationException) or a bug: retry later
            log.warn("Controller reconciliation failed, retrying in {} ms: {}", RETRY_DELAY_MS, e.toString());
            if (!closed) {
                try {
                    thread.schedule(this::requestReconcile, RETRY_DELAY_MS, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    // closed meanwhile: nothing to retry
                }
            }
        }
    }

    private void execute(ControllerEpochFence current, ControllerAction action) {
        log.debug("Controller epoch {} writes {}", current.epoch(), action);
        if (action instanceof ControllerAction.CreateLog create) {
            states.writeNewLog(current, create.logId(), create.partitions());
            log.info("Assigned log {}: {}", create.logId(), create.partitions());
        } else if (action instanceof ControllerAction.RecordAssignmentError error) {
            states.writeAssignmentError(current, error.logId(), error.message());
            log.warn(error.message());
        } else if (action instanceof ControllerAction.UpdatePartition update) {
            states.writeState(current, update.partition(), update.current(), update.next());
            log.info("Partition {} now led by {} (leader epoch {}, isr {})", update.partition(),
                    update.next().leader(), update.next().leaderEpoch(), update.next().isr());
        } else if (action instanceof ControllerAction.RemoveLog remove) {
            states.writeLogRemoval(current, remove.logId());
            log.info("Removed log {} of a deleted destination", remove.logId());
        }
    }

    @Override
    public void close() {
        closed = true;
        fence = null;
        brokers.removeListener(brokerListener);
        topics.removeListener(topicListener);
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
