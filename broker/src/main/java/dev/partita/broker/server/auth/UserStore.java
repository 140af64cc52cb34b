package dev.partita.broker.server.auth;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The users of a broker, read once at start from a properties file of
 * {@code user=<PasswordHasher hash>} lines. Immutable and thread-safe.
 */
public final class UserStore {

    private final Map<String, String> hashes;

    UserStore(Map<String, String> hashes) {
        this.hashes = Map.copyOf(hashes);
    }

    /**
     * Loads a users file.
     *
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if a line does not hold a valid hash
     */
    public static UserStore load(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        }
        Map<String, String> hashes = new TreeMap<>();
        for (String user : props.stringPropertyNames()) {
            String hash = props.getProperty(user).trim();
            if (!hash.startsWith(PasswordHasher.SCHEME + "$")) {
                throw new IllegalArgumentException("users file " + file + ": the entry of user '" + user
                        + "' is not a " + PasswordHasher.SCHEME + " hash (make one with: partita hash-password " + user + ")");
            }
            hashes.put(user, hash);
        }
        return new UserStore(hashes);
    }

    /** Whether {@code user} exists and {@code password} is theirs. */
    public boolean verify(String user, char[] password) {
        String stored = hashes.get(user);
        if (stored == null) {
            return false;
        }
        return PasswordHasher.verify(password, stored);
    }

    public int size() {
        return hashes.size();
    }
}
