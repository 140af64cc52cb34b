package dev.partita.broker.zk;

import dev.partita.protocol.message.DestinationKind;
import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Generates log ids: the kind's letter ({@code q} or {@code t}) followed by 12 random base32
 * characters ({@code a-z 2-7}), 60 random bits. Short, lower-case, and free of separators, so a log
 * id is safe in file names ({@code <logId>-<partition>} directories) and ZooKeeper paths alike.
 * Uniqueness: the destination node is created with compare-and-set semantics, and a clash of 60
 * random bits between live logs is negligible.
 *
 * <p>Thread-safe.
 */
public final class LogIds {

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int RANDOM_CHARS = 12;
    private static final Pattern VALID = Pattern.compile("[qt][a-z2-7]{" + RANDOM_CHARS + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private LogIds() {
    }

    public static String generate(DestinationKind kind) {
        char[] id = new char[1 + RANDOM_CHARS];
        id[0] = kind == DestinationKind.QUEUE ? 'q' : 't';
        long bits = RANDOM.nextLong();
        for (int i = 1; i <= RANDOM_CHARS; i++) {
            id[i] = BASE32[(int) (bits & 31)];
            bits >>>= 5;
        }
        return new String(id);
    }

    /** Whether the string has the shape of a generated log id. */
    public static boolean isValid(String logId) {
        return logId != null && VALID.matcher(logId).matches();
    }
}
