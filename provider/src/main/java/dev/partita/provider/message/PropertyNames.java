package dev.partita.provider.message;

import dev.partita.protocol.jms.JmsHeaderNames;
import java.util.Locale;
import java.util.Set;

/**
 * Which property names an application may set. A name must be a message selector identifier (spec
 * 3.5.1 and 3.8.1.1): a Java identifier that is not {@code NULL}, {@code TRUE}, {@code FALSE},
 * {@code NOT}, {@code AND}, {@code OR}, {@code BETWEEN}, {@code LIKE}, {@code IN}, {@code IS} or
 * {@code ESCAPE} (in any case, as selectors read them). Names starting with {@code JMS} are
 * reserved: {@code JMSX} names only for the JMS-defined properties this provider lets clients set
 * ({@link #CLIENT_SETTABLE_JMSX}), {@code JMS_<vendor>_} names for provider properties (allowed,
 * except Partita's own prefix), any other {@code JMS} name for header fields. A bad name is an
 * {@link IllegalArgumentException} with the reason. Stateless and thread-safe.
 */
final class PropertyNames {

    static final String JMSX_DELIVERY_COUNT = "JMSXDeliveryCount";
    static final String JMSX_GROUP_ID = "JMSXGroupID";
    static final String JMSX_GROUP_SEQ = "JMSXGroupSeq";

    /** The JMSX properties a client may set; the provider sets {@link #JMSX_DELIVERY_COUNT} itself. */
    static final Set<String> CLIENT_SETTABLE_JMSX = Set.of(JMSX_GROUP_ID, JMSX_GROUP_SEQ);

    private static final Set<String> SELECTOR_WORDS = Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR",
            "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");

    private PropertyNames() {
    }

    /** Checks a name the application sets a property under. */
    static void checkSettable(String name) {
        checkIdentifier(name);
        if (name.startsWith(JmsHeaderNames.PARTITA_PREFIX)) {
            throw new IllegalArgumentException("property name " + name + ": the prefix "
                    + JmsHeaderNames.PARTITA_PREFIX + " is reserved for Partita's own headers");
        }
        if (name.startsWith("JMSX")) {
            if (name.equals(JMSX_DELIVERY_COUNT)) {
                throw new IllegalArgumentException("property " + name + " is set by the provider on receipt");
            }
            if (!CLIENT_SETTABLE_JMSX.contains(name)) {
                throw new IllegalArgumentException("property " + name + " is not a JMSX property a client can set"
                        + " (supported: " + CLIENT_SETTABLE_JMSX + ")");
            }
        } else if (name.startsWith("JMS") && !name.startsWith("JMS_")) {
            throw new IllegalArgumentException("property name " + name
                    + ": names starting with JMS are reserved for header fields (JMSX and JMS_<vendor>_ excepted)");
        }
    }

    /** Checks a name looked up by a getter: null and empty names are refused, others just not found. */
    static void checkReadable(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a property name must not be " + (name == null ? "null" : "empty"));
        }
    }

    static void checkIdentifier(String name) {
        checkReadable(name);
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            throw new IllegalArgumentException("property name " + name + " does not start with a letter, _ or $");
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                throw new IllegalArgumentException("property name " + name + " has the character '"
                        + name.charAt(i) + "', which an identifier cannot have");
            }
        }
        if (SELECTOR_WORDS.contains(name.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("property name " + name + " is a reserved word of the selector syntax");
        }
    }
}
