package dev.partita.protocol.auth;

import java.util.Optional;

/**
 * The SASL mechanisms Partita knows, by the name exchanged in SASL_HANDSHAKE. PLAIN first;
 * others (e.g. SCRAM) come later without a protocol change.
 */
public enum SaslMechanism {
    /** RFC 4616: user name and password in clear, so only over TLS or a trusted network. */
    PLAIN("PLAIN");

    private final String mechanismName;

    SaslMechanism(String mechanismName) {
        this.mechanismName = mechanismName;
    }

    /** The registered SASL name, as sent on the wire. */
    public String mechanismName() { return mechanismName; }

    /** The mechanism with this exact (case-sensitive, as SASL names are) name, or empty. */
    public static Optional<SaslMechanism> forName(String name) {
        for (SaslMechanism mechanism : values()) {
            if (mechanism.mechanismName.equals(name)) {
                return Optional.of(mechanism);
            }
        }
        return Optional.empty();
    }
}
