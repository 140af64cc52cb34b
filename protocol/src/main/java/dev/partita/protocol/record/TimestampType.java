package dev.partita.protocol.record;

/**
 * Which clock a batch's timestamps come from: the producer's ({@link #CREATE_TIME}) or the
 * broker's at append ({@link #LOG_APPEND_TIME}). Bit 3 of the batch attributes; with log append
 * time every record of the batch reads the batch's max timestamp as its timestamp.
 */
public enum TimestampType {
    CREATE_TIME(0, "CreateTime"),
    LOG_APPEND_TIME(1, "LogAppendTime");

    private final int id;
    private final String displayName;

    TimestampType(int id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** The value of the attribute bit. */
    public int id() {
        return id;
    }

    /** The name used in topic configuration ({@code message.timestamp.type}). */
    public String displayName() {
        return displayName;
    }

    /** Parses {@code CreateTime} / {@code LogAppendTime} (case-insensitive, also the enum names). */
    public static TimestampType forName(String name) {
        for (TimestampType type : values()) {
            if (type.displayName.equalsIgnoreCase(name) || type.name().equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown timestamp type: " + name);
    }

    @Override
    public String toString() {
        return displayName;
    }
}
