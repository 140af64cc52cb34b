package dev.partita.broker.subscription;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.broker.delivery.StateLog.StateKey;
import dev.partita.protocol.message.SubscriptionKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The {@code p.state} record key of a subscription: its kind code, its fields (strings as
 * length-prefixed UTF-8, so no choice of names makes two keys collide) and its generation. Stateless.
 */
final class StateKeys {

    private StateKeys() {
    }

    static StateKey of(SubscriptionKey key, long generation) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(key.kind().code());
            if (key instanceof SubscriptionKey.Queue q) {
                out.writeUTF(q.queue());
            } else if (key instanceof SubscriptionKey.Private p) {
                out.writeLong(p.connectionId().getMostSignificantBits());
                out.writeLong(p.connectionId().getLeastSignificantBits());
                out.writeLong(p.consumerId());
            } else if (key instanceof SubscriptionKey.Durable d) {
                writeOptional(out, d.clientId());
                out.writeUTF(d.name());
            } else if (key instanceof SubscriptionKey.Shared s) {
                writeOptional(out, s.clientId());
                out.writeUTF(s.name());
            }
            out.writeLong(generation);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory stream: cannot happen
        }
        return new StateKey(bytes.toByteArray());
    }

    /** Whether two keys name the same subscription in different generations (the last 8 bytes). */
    static boolean otherGeneration(StateKey a, StateKey b) {
        byte[] x = a.bytes();
        byte[] y = b.bytes();
        return x.length == y.length && !java.util.Arrays.equals(x, y)
                && java.util.Arrays.equals(x, 0, x.length - Long.BYTES, y, 0, y.length - Long.BYTES);
    }

    /**
     * Whether a subscription holds the retention floor: a queue's, a durable one's, or a temporary
     * queue's (a private key with a negative consumer id, see {@code TemporaryDestinationName}) until
     * the temporary queue is deleted.
     */
    static boolean holdsRetention(StateKey key) {
        byte kind = key.bytes()[0];
        return kind == SubscriptionKey.Kind.QUEUE.code() || kind == SubscriptionKey.Kind.DURABLE.code()
                || kind == SubscriptionKey.Kind.PRIVATE.code() && ByteBuffer.wrap(key.bytes(), 17, Long.BYTES).getLong() < 0;
    }

    static boolean isQueue(StateKey key) {
        return key.bytes()[0] == SubscriptionKey.Kind.QUEUE.code();
    }

    /** Whether a state key names a private (non-durable, unshared) subscription. */
    static boolean isPrivate(StateKey key) {
        return key.bytes()[0] == SubscriptionKey.Kind.PRIVATE.code();
    }

    /** The connection of a private subscription's key (see {@link #isPrivate}). */
    static ConnectionId privateConnection(StateKey key) {
        ByteBuffer bytes = ByteBuffer.wrap(key.bytes(), 1, 16);
        return new ConnectionId(bytes.getLong(), bytes.getLong());
    }

    private static void writeOptional(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }
}
