package dev.partita.broker.zk;

import dev.partita.broker.delivery.ConnectionId;
import dev.partita.protocol.message.DestinationKind;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes the values of Partita's ZooKeeper nodes: compact big-endian binary, each value starting
 * with a format version byte. A later version may only append fields; a reader takes the fields it
 * knows and ignores the rest, so brokers of two versions can share a cluster during an upgrade.
 * Strings are {@code int16} byte length + UTF-8 ({@code -1} = null).
 *
 * <pre>
 * BrokerRegistration v1: int8 1 | int32 id | string host | int32 port | string rack (nullable)
 * ControllerEpoch    v1: int8 1 | int32 epoch | int32 controllerId
 * TopicInfo          v1: int8 1 | int8 kind (DestinationKind code) | string name | string logId
 *                        | int32 partitions | int16 replicationFactor
 *                        | int32 configCount | configCount x (string key, string value)
 * PartitionState     v1: int8 1 | int32 leader | int32 leaderEpoch | int32 controllerEpoch
 *                        | int32 replicaCount | replicaCount x int32 | int32 isrCount | isrCount x int32
 * ClientIdClaim      v1: int8 1 | string clientId | int64 connection high | int64 connection low | int32 brokerId
 * SubscriptionEntry  v1: int8 1 | key | int64 generation | int8 live (0 = deleted: nothing follows)
 *                        | int8 topic kind | string topic name | string logId | string selector (nullable)
 *                        | int8 noLocal | int8 shared | int32 consumerCount
 *                        | consumerCount x (int64 connection high, int64 connection low, int64 consumerId, int32 brokerId)
 * SubscriptionTombstone v1: int8 1 | key | int64 generation | int8 topic kind | string topic name | string logId
 * key (durable/shared):  int8 kind (3 DURABLE, 4 SHARED) | string clientId (nullable) | string name
 * </pre>
 *
 * Stateless and thread-safe. Malformed bytes throw {@link CoordinationException}.
 */
public final class ZkCodec {

    static final byte V1 = 1;

    /** Value of {@code controller_epoch}: the epoch and which broker holds it. */
    public record ControllerEpoch(int epoch, int controllerId) {
    }

    private ZkCodec() {
    }

    public static byte[] encode(BrokerRegistration broker) {
        return write(out -> {
            out.writeInt(broker.id());
            writeString(out, broker.host());
            out.writeInt(broker.port());
            writeString(out, broker.rack());
        });
    }

    public static BrokerRegistration decodeBroker(byte[] bytes) {
        return read(bytes, "broker registration",
                in -> new BrokerRegistration(in.readInt(), readString(in), in.readInt(), readString(in)));
    }

    public static byte[] encode(ControllerEpoch epoch) {
        return write(out -> {
            out.writeInt(epoch.epoch());
            out.writeInt(epoch.controllerId());
        });
    }

    public static ControllerEpoch decodeControllerEpoch(byte[] bytes) {
        return read(bytes, "controller epoch", in -> new ControllerEpoch(in.readInt(), in.readInt()));
    }

    public static byte[] encode(TopicInfo topic) {
        return write(out -> {
            out.writeByte(topic.topic().kind().code());
            writeString(out, topic.topic().name());
            writeString(out, topic.logId());
            out.writeInt(topic.partitions());
            out.writeShort(topic.replicationFactor());
            out.writeInt(topic.configs().size());
            for (Map.Entry<String, String> e : topic.configs().entrySet()) {
                writeString(out, e.getKey());
                writeString(out, e.getValue());
            }
        });
    }

    public static TopicInfo decodeTopic(byte[] bytes) {
        return read(bytes, "topic", in -> {
            byte kindCode = in.readByte();
            DestinationKind kind = DestinationKind.forCode(kindCode)
                    .orElseThrow(() -> new IOException("unknown destination kind " + kindCode));
            String name = readString(in);
            String logId = readString(in);
            int partitions = in.readInt();
            short replicationFactor = in.readShort();
            int configCount = in.readInt();
            checkCount(configCount, bytes.length);
            Map<String, String> configs = new LinkedHashMap<>();
            for (int i = 0; i < configCount; i++) {
                configs.put(readString(in), readString(in));
            }
            return new TopicInfo(new TopicKey(kind, name), logId, partitions, replicationFactor, configs);
        });
    }

    public static byte[] encode(PartitionState state) {
        return write(out -> {
            out.writeInt(state.leader());
            out.writeInt(state.leaderEpoch());
            out.writeInt(state.controllerEpoch());
            writeInts(out, state.replicas());
            writeInts(out, state.isr());
        });
    }

    /** Decodes a partition state read from a node of the given version. */
    public static PartitionState decodePartitionState(byte[] bytes, int zkVersion) {
        return read(bytes, "partition state", in -> {
            int leader = in.readInt();
            int leaderEpoch = in.readInt();
            int controllerEpoch = in.readInt();
            List<Integer> replicas = readInts(in, bytes.length);
            List<Integer> isr = readInts(in, bytes.length);
            return new PartitionState(replicas, leader, leaderEpoch, isr, controllerEpoch, zkVersion);
        });
    }

    /**
     * The value of a subscription node: the key's latest generation, and the subscription if it is
     * live (null once deleted: the node then only remembers the generation, so a re-created
     * subscription never reuses one).
     */
    record SubscriptionEntry(SubscriptionKey key, long generation, SubscriptionInfo live) {
    }

    public static byte[] encode(ClientIdClaim claim) {
        return write(out -> {
            writeString(out, claim.clientId());
            out.writeLong(claim.connection().high());
            out.writeLong(claim.connection().low());
            out.writeInt(claim.brokerId());
        });
    }

    public static ClientIdClaim decodeClientIdClaim(byte[] bytes) {
        return read(bytes, "client ID claim", in -> new ClientIdClaim(readString(in),
                new ConnectionId(in.readLong(), in.readLong()), in.readInt()));
    }

    static byte[] encode(SubscriptionEntry entry) {
        return write(out -> {
            writeSubscriptionKey(out, entry.key());
            out.writeLong(entry.generation());
            SubscriptionInfo info = entry.live();
            out.writeBoolean(info != null);
            if (info == null) {
                return;
            }
            out.writeByte(info.topic().kind().code());
            writeString(out, info.topic().name());
            writeString(out, info.logId());
            writeString(out, info.selector());
            out.writeBoolean(info.noLocal());
            out.writeBoolean(info.shared());
            out.writeInt(info.consumers().size());
            for (SubscriptionInfo.Consumer consumer : info.consumers()) {
                out.writeLong(consumer.connection().high());
                out.writeLong(consumer.connection().low());
                out.writeLong(consumer.consumerId());
                out.writeInt(consumer.brokerId());
            }
        });
    }

    static SubscriptionEntry decodeSubscriptionEntry(byte[] bytes) {
        return read(bytes, "subscription", in -> {
            SubscriptionKey key = readSubscriptionKey(in);
            long generation = in.readLong();
            if (!in.readBoolean()) {
                return new SubscriptionEntry(key, generation, null);
            }
            TopicKey topic = readTopicKey(in);
            String logId = readString(in);
            String selector = readString(in);
            boolean noLocal = in.readBoolean();
            boolean shared = in.readBoolean();
            int count = in.readInt();
            checkCount(count, bytes.length);
            List<SubscriptionInfo.Consumer> consumers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                consumers.add(new SubscriptionInfo.Consumer(new ConnectionId(in.readLong(), in.readLong()),
                        in.readLong(), in.readInt()));
            }
            return new SubscriptionEntry(key, generation,
                    new SubscriptionInfo(key, topic, logId, selector, noLocal, shared, generation, consumers));
        });
    }

    static byte[] encode(SubscriptionTombstone tombstone) {
        return write(out -> {
            writeSubscriptionKey(out, tombstone.key());
            out.writeLong(tombstone.generation());
            out.writeByte(tombstone.topic().kind().code());
            writeString(out, tombstone.topic().name());
            writeString(out, tombstone.logId());
        });
    }

    /** Decodes the tombstone stored in node {@code id}. */
    static SubscriptionTombstone decodeSubscriptionTombstone(String id, byte[] bytes) {
        return read(bytes, "subscription tombstone", in -> {
            SubscriptionKey key = readSubscriptionKey(in);
            long generation = in.readLong();
            TopicKey topic = readTopicKey(in);
            return new SubscriptionTombstone(id, key, topic, readString(in), generation);
        });
    }

    private static void writeSubscriptionKey(DataOutputStream out, SubscriptionKey key) throws IOException {
        out.writeByte(key.kind().code());
        if (key instanceof SubscriptionKey.Durable durable) {
            writeString(out, durable.clientId());
            writeString(out, durable.name());
        } else if (key instanceof SubscriptionKey.Shared shared) {
            writeString(out, shared.clientId());
            writeString(out, shared.name());
        } else {
            throw new IllegalArgumentException(key + " is not stored in ZooKeeper");
        }
    }

    private static SubscriptionKey readSubscriptionKey(DataInputStream in) throws IOException {
        byte code = in.readByte();
        SubscriptionKey.Kind kind = SubscriptionKey.Kind.forCode(code)
                .filter(k -> k == SubscriptionKey.Kind.DURABLE || k == SubscriptionKey.Kind.SHARED)
                .orElseThrow(() -> new IOException("unknown subscription key kind " + code));
        String clientId = readString(in);
        String name = readString(in);
        if (name == null) {
            throw new IOException("null subscription name");
        }
        return kind == SubscriptionKey.Kind.DURABLE ? SubscriptionKey.durable(clientId, name)
                : SubscriptionKey.shared(clientId, name);
    }

    private static TopicKey readTopicKey(DataInputStream in) throws IOException {
        byte kindCode = in.readByte();
        DestinationKind kind = DestinationKind.forCode(kindCode)
                .orElseThrow(() -> new IOException("unknown destination kind " + kindCode));
        String name = readString(in);
        if (name == null) {
            throw new IOException("null topic name");
        }
        return new TopicKey(kind, name);
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(V1);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen writing to memory
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, String what, Reader<T> reader) {
        if (bytes == null || bytes.length == 0) {
            throw new CoordinationException("Empty " + what + " node value");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version < V1) {
                throw new CoordinationException("Unknown " + what + " format version " + version);
            }
            return reader.read(in); // later versions only append fields: read what v1 knows
        } catch (IOException | RuntimeException e) {
            if (e instanceof CoordinationException ce) {
                throw ce;
            }
            throw new CoordinationException("Malformed " + what + " node value: " + e.getMessage(), e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeShort(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("String too long for a ZooKeeper value: " + utf8.length + " bytes");
        }
        out.writeShort(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        short length = in.readShort();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = in.readNBytes(length);
        if (utf8.length != length) {
            throw new IOException("string cut short");
        }
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void writeInts(DataOutputStream out, List<Integer> values) throws IOException {
        out.writeInt(values.size());
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static List<Integer> readInts(DataInputStream in, int totalBytes) throws IOException {
        int count = in.readInt();
        checkCount(count, totalBytes);
        List<Integer> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(in.readInt());
        }
        return values;
    }

    private static void checkCount(int count, int totalBytes) throws IOException {
        if (count < 0 || count > totalBytes) { // each element takes at least one byte: bounds the allocation
            throw new IOException("bad element count " + count);
        }
    }
}
