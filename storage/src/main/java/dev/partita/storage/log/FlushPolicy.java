package dev.partita.storage.log;

/**
 * When a log fsyncs appended batches (topic setting {@code flush.policy}).
 *
 * <ul>
 *   <li>{@link #PER_BATCH} ({@code per-batch}): every append fsyncs before it returns.</li>
 *   <li>{@link #GROUP_COMMIT} ({@code group-commit}, the default): appends return at once and mark
 *       the log dirty; the group-commit flusher fsyncs dirty logs, one fsync covering every append
 *       that finished before it began, and reports the new flushed offset.</li>
 *   <li>{@link #NONE} ({@code none}): never fsyncs while running (only on a clean close); data lives
 *       in the page cache. <b>Lossy</b>: a power loss or kernel crash can lose acknowledged
 *       records and let their offsets be handed out again. Such a log reports its log end as its
 *       {@link Log#durableOffset() durable offset}.</li>
 * </ul>
 */
public enum FlushPolicy {
    PER_BATCH("per-batch"),
    GROUP_COMMIT("group-commit"),
    NONE("none");

    private final String configName;

    FlushPolicy(String configName) {
        this.configName = configName;
    }

    /** The value in topic configuration. */
    public String configName() {
        return configName;
    }

    /** Parses {@code per-batch}, {@code group-commit} or {@code none} (case-insensitive; enum names too). */
    public static FlushPolicy forName(String name) {
        for (FlushPolicy policy : values()) {
            if (policy.configName.equalsIgnoreCase(name) || policy.name().equalsIgnoreCase(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown flush policy '" + name + "' (per-batch, group-commit, none)");
    }

    @Override
    public String toString() {
        return configName;
    }
}
