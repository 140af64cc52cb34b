package dev.partita.broker.cache;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import java.io.IOException;
import java.util.Map;

/**
 * How the cache's types cross the wire between members: keys and values with Hazelcast's Compact
 * serialization (explicit serializers, no reflection, and a schema that may gain fields in later
 * versions), the versioned write as an {@link IdentifiedDataSerializable}. None of our classes goes
 * through Java serialization.
 *
 * <p>Compact field names double as query attributes ({@code __key.subscription}, {@code lag}).
 */
final class CacheSerialization {

    static final int FACTORY_ID = 0x5041_5254; // "PART"
    static final int VERSIONED_PUT_ID = 1;

    private CacheSerialization() {
    }

    static void register(SerializationConfig config) {
        config.getCompactSerializationConfig().addSerializer(new KeySerializer()).addSerializer(new EntrySerializer());
        config.addDataSerializableFactory(FACTORY_ID, classId -> classId == VERSIONED_PUT_ID ? new VersionedPut() : null);
    }

    static final class KeySerializer implements CompactSerializer<OffsetKey> {

        @Override
        public OffsetKey read(CompactReader in) {
            return new OffsetKey(in.readString("subscription"), in.readInt64("generation"), in.readString("logId"),
                    in.readInt32("partition"));
        }

        @Override
        public void write(CompactWriter out, OffsetKey key) {
            out.writeString("subscription", key.subscription());
            out.writeInt64("generation", key.generation());
            out.writeString("logId", key.logId());
            out.writeInt32("partition", key.partition());
        }

        @Override
        public String getTypeName() {
            return "partita.OffsetKey";
        }

        @Override
        public Class<OffsetKey> getCompactClass() {
            return OffsetKey.class;
        }
    }

    static final class EntrySerializer implements CompactSerializer<OffsetEntry> {

        @Override
        public OffsetEntry read(CompactReader in) {
            return new OffsetEntry(in.readInt64("committedStart"), in.readInt64("logEnd"), in.readInt64("lag"),
                    in.readInt32("consumers"), in.readInt32("leaderEpoch"), in.readInt64("stateOffset"),
                    in.readInt64("updatedAtMs"));
        }

        @Override
        public void write(CompactWriter out, OffsetEntry entry) {
            out.writeInt64("committedStart", entry.committedStart());
            out.writeInt64("logEnd", entry.logEnd());
            out.writeInt64("lag", entry.lag());
            out.writeInt32("consumers", entry.consumers());
            out.writeInt32("leaderEpoch", entry.leaderEpoch());
            out.writeInt64("stateOffset", entry.stateOffset());
            out.writeInt64("updatedAtMs", entry.updatedAtMs());
        }

        @Override
        public String getTypeName() {
            return "partita.OffsetEntry";
        }

        @Override
        public Class<OffsetEntry> getCompactClass() {
            return OffsetEntry.class;
        }
    }

    /**
     * Stores its entry only if it supersedes the current one. Runs on the member owning the key, on
     * that key's partition thread, so the compare and the store are one atomic step; the backup
     * replays the same processor. Answers whether it stored.
     */
    static final class VersionedPut implements EntryProcessor<OffsetKey, OffsetEntry, Boolean>, IdentifiedDataSerializable {

        private static final long serialVersionUID = 1L; // EntryProcessor is Serializable; we never use that

        private OffsetEntry entry;

        VersionedPut() {
            // for the factory
        }

        VersionedPut(OffsetEntry entry) {
            this.entry = entry;
        }

        @Override
        public Boolean process(Map.Entry<OffsetKey, OffsetEntry> current) {
            if (entry.supersedes(current.getValue())) {
                current.setValue(entry);
                return Boolean.TRUE;
            }
            return Boolean.FALSE;
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return VERSIONED_PUT_ID;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeObject(entry);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            entry = in.readObject();
        }
    }
}
