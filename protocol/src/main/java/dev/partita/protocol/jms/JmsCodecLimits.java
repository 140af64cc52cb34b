package dev.partita.protocol.jms;

/**
 * Bounds the decoder enforces before it allocates anything, so a hostile or corrupt record cannot
 * make it build huge structures: a record over a bound is refused with
 * {@link MalformedJmsRecordException}.
 *
 * @param maxHeaders     most record headers (JMS headers plus properties) in one record
 * @param maxNameBytes   longest header, property or map entry name, in UTF-8 bytes
 * @param maxValueBytes  longest string or byte array value, in bytes
 * @param maxBodyEntries most entries of a map body or items of a stream body
 */
public record JmsCodecLimits(int maxHeaders, int maxNameBytes, int maxValueBytes, int maxBodyEntries) {

    /** 4096 headers, 4 KiB names, 16 MiB values, one million body entries. */
    public static final JmsCodecLimits DEFAULT = new JmsCodecLimits(4096, 4096, 16 * 1024 * 1024, 1_000_000);

    public JmsCodecLimits {
        if (maxHeaders < 0 || maxNameBytes < 0 || maxValueBytes < 0 || maxBodyEntries < 0) {
            throw new IllegalArgumentException("codec limits must not be negative");
        }
    }
}
