package dev.partita.protocol.auth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The single message of SASL PLAIN (RFC 4616): {@code [authzid] NUL authcid NUL passwd}, each
 * part UTF-8 without NUL. Partita bounds each part to {@link #MAX_PART_BYTES} bytes (RFC 4616
 * allows up to 255 octets for each), so a payload is at most 767 bytes.
 *
 * <p>{@code authzid} is the identity to act as; empty means the user itself (null is accepted
 * and read as empty). {@code username} and {@code password} must not be empty.
 * {@link #toString()} hides the password. Immutable and thread-safe.
 */
public record PlainCredentials(String authzid, String username, String password) {

    public static final int MAX_PART_BYTES = 255;
    private static final byte NUL = 0;

    public PlainCredentials {
        authzid = authzid == null ? "" : authzid;
        check("authzid", authzid, true);
        check("username", Objects.requireNonNull(username, "username"), false);
        check("password", Objects.requireNonNull(password, "password"), false);
    }

    /** Credentials acting as the user itself (empty authzid). */
    public static PlainCredentials of(String username, String password) {
        return new PlainCredentials("", username, password);
    }

    /** The RFC 4616 message. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(authzid.getBytes(StandardCharsets.UTF_8));
        out.write(NUL);
        out.writeBytes(username.getBytes(StandardCharsets.UTF_8));
        out.write(NUL);
        out.writeBytes(password.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /**
     * Parses an RFC 4616 message.
     *
     * @throws InvalidSaslPayloadException unless it is exactly three NUL-separated UTF-8 parts
     *                                     within the bounds, with a non-empty user name and password
     */
    public static PlainCredentials decode(byte[] message) {
        if (message.length > 3 * MAX_PART_BYTES + 2) {
            throw new InvalidSaslPayloadException("PLAIN message of " + message.length + " bytes is too long");
        }
        int first = indexOfNul(message, 0);
        int second = first < 0 ? -1 : indexOfNul(message, first + 1);
        if (second < 0 || indexOfNul(message, second + 1) >= 0) {
            throw new InvalidSaslPayloadException("PLAIN message must have exactly two NUL separators");
        }
        try {
            return new PlainCredentials(utf8(message, 0, first), utf8(message, first + 1, second),
                    utf8(message, second + 1, message.length));
        } catch (IllegalArgumentException e) {
            throw new InvalidSaslPayloadException(e.getMessage());
        }
    }

    private static int indexOfNul(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == NUL) {
                return i;
            }
        }
        return -1;
    }

    private static String utf8(byte[] bytes, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidSaslPayloadException("PLAIN message part is not valid UTF-8");
        }
    }

    private static void check(String name, String value, boolean mayBeEmpty) {
        if (!mayBeEmpty && value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " must not contain NUL");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PART_BYTES) {
            throw new IllegalArgumentException(name + " is " + bytes + " UTF-8 bytes, more than " + MAX_PART_BYTES);
        }
    }

    @Override
    public String toString() {
        return "PlainCredentials(authzid=" + authzid + ", username=" + username + ", password=***)";
    }
}
