package dev.partita.broker.zk;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Checks of the names that become path segments (client IDs, subscription names). Stateless. */
final class ZkNames {

    /** Longest client ID or subscription name accepted, in UTF-8 bytes (as for destination names). */
    static final int MAX_NAME_BYTES = 1000;

    private ZkNames() {
    }

    /** Why {@code value} cannot be a name (empty, too long, unpaired surrogate), or empty if it can. */
    static Optional<String> problem(String what, String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of(what + " must not be empty");
        }
        ByteBuffer utf8;
        try {
            utf8 = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            return Optional.of(what + " is not valid Unicode (unpaired surrogate)");
        }
        if (utf8.remaining() > MAX_NAME_BYTES) {
            return Optional.of(what + " is " + utf8.remaining() + " bytes long in UTF-8, more than " + MAX_NAME_BYTES);
        }
        return Optional.empty();
    }
}
