package dev.partita.broker.zk;

import dev.partita.protocol.message.TopicKey;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A registered destination: what {@code destinations/<kind>/<escaped name>} holds. The log id is
 * generated at creation, short and file-system safe; it names the partition directories and the
 * partition-state nodes, so queue X and topic X, or X deleted and created again, never share a log.
 *
 * @param topic             the (kind, name) the destination was created under
 * @param logId             generated id of the log behind it (see {@link LogIds})
 * @param partitions        number of partitions, at least 1
 * @param replicationFactor replicas per partition, at least 1
 * @param configs           per-destination log settings (e.g. {@code flush.policy}); sorted, never null
 */
public record TopicInfo(TopicKey topic, String logId, int partitions, short replicationFactor,
                        Map<String, String> configs) {

    public TopicInfo {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(logId, "logId");
        configs = configs == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(configs));
    }
}
