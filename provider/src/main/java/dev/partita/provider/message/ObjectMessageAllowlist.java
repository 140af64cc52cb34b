package dev.partita.provider.message;

import java.io.ObjectInputFilter;
import java.util.List;
import java.util.Objects;

/**
 * Which classes an {@code ObjectMessage} may deserialize. An entry names a package and allows its
 * classes and those of its subpackages ({@code com.example} allows {@code com.example.Order} and
 * {@code com.example.model.Line}); the entry {@code *} allows everything (trusted senders only).
 * Arrays are judged by their element class; primitives and primitive arrays are always allowed.
 *
 * <p>The {@link #DEFAULT} allows {@code java.lang}, {@code java.util}, {@code java.time} and
 * {@code java.math}: the JDK value and collection types an application sends, and nothing that
 * runs code of a library on deserialization. A class outside the list is refused by the
 * {@link ObjectInputFilter} before any instance of it is created, so its {@code readObject} never
 * runs. The filter also bounds depth (100), references (100,000) and array length (10,000,000)
 * against nesting and size attacks.
 *
 * <p>Immutable and thread-safe.
 */
public final class ObjectMessageAllowlist {

    /** {@code java.lang}, {@code java.util}, {@code java.time}, {@code java.math}. */
    public static final ObjectMessageAllowlist DEFAULT =
            new ObjectMessageAllowlist(List.of("java.lang", "java.util", "java.time", "java.math"));

    /** Allows every class: only for senders the application trusts. */
    public static final ObjectMessageAllowlist ALLOW_ALL = new ObjectMessageAllowlist(List.of("*"));

    static final long MAX_DEPTH = 100;
    static final long MAX_REFERENCES = 100_000;
    static final long MAX_ARRAY_LENGTH = 10_000_000;

    private final List<String> packages;

    private ObjectMessageAllowlist(List<String> packages) {
        this.packages = List.copyOf(packages);
    }

    /** An allowlist of these packages (and their subpackages), or {@code *}. */
    public static ObjectMessageAllowlist of(List<String> packages) {
        for (String entry : packages) {
            Objects.requireNonNull(entry, "allowlist entry");
            if (entry.isBlank() || entry.startsWith(".") || entry.endsWith(".")) {
                throw new IllegalArgumentException("allowlist entry \"" + entry + "\" is not a package name or *");
            }
        }
        return new ObjectMessageAllowlist(packages);
    }

    /** The default list plus these packages. */
    public static ObjectMessageAllowlist defaultsPlus(List<String> packages) {
        List<String> all = new java.util.ArrayList<>(DEFAULT.packages);
        all.addAll(packages);
        return of(all);
    }

    /** Parses a comma-separated list, as a connection URL or a system property gives it. */
    public static ObjectMessageAllowlist parse(String commaSeparated) {
        return of(List.of(commaSeparated.trim().split("\\s*,\\s*")));
    }

    public List<String> packages() {
        return packages;
    }

    /** Whether a class (an array: its element class) is allowed. */
    public boolean allows(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        if (element.isPrimitive()) {
            return true;
        }
        String name = element.getName();
        for (String entry : packages) {
            if (entry.equals("*") || name.startsWith(entry + ".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The filter for one deserialization; it writes why it refused into {@code refusal} (one
     * element) so the caller can say which class was refused.
     */
    ObjectInputFilter filter(String[] refusal) {
        return info -> {
            if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES
                    || info.arrayLength() > MAX_ARRAY_LENGTH) {
                refusal[0] = "the object graph exceeds the limits (depth " + MAX_DEPTH + ", references "
                        + MAX_REFERENCES + ", array length " + MAX_ARRAY_LENGTH + ")";
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> type = info.serialClass();
            if (type == null || allows(type)) {
                return type == null ? ObjectInputFilter.Status.UNDECIDED : ObjectInputFilter.Status.ALLOWED;
            }
            refusal[0] = "class " + type.getName() + " is not in the allowlist " + packages;
            return ObjectInputFilter.Status.REJECTED;
        };
    }

    @Override
    public String toString() {
        return "ObjectMessageAllowlist" + packages;
    }
}
