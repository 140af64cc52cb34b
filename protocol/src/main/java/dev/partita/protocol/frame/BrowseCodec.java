package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.BrowseRequest;
import dev.partita.protocol.message.BrowseRequest.BrowsePartition;
import dev.partita.protocol.message.BrowseResponse;
import dev.partita.protocol.message.BrowseResponse.BrowsedPartition;

/** BROWSE v0. Layouts in the package documentation. */
final class BrowseCodec extends ApiCodec<BrowseRequest, BrowseResponse> {

    /** partition, current leader epoch, from offset, max records, partition max bytes. */
    private static final int PARTITION_BYTES = 4 + 4 + 8 + 4 + 4;
    /** partition, error, next offset, ranges count, records length. */
    private static final int BROWSED_MIN_BYTES = 4 + Fields.ERROR_BYTES + 8 + Fields.ARRAY_MIN_BYTES
            + Fields.RECORDS_MIN_BYTES;

    BrowseCodec() {
        super(ApiKey.BROWSE, BrowseRequest.class, BrowseResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, BrowseRequest request, short version) {
        SubscriptionFields.writeKey(writer, request.key());
        writer.writeLong(request.generation());
        Fields.writeTopicKey(writer, request.topic());
        writer.writeNullableString(request.selector());
        writer.writeInt(request.maxBytes());
        writer.writeArray(request.partitions(), (w, partition) -> {
            w.writeInt(partition.partition());
            w.writeInt(partition.currentLeaderEpoch());
            w.writeLong(partition.fromOffset());
            w.writeInt(partition.maxRecords());
            w.writeInt(partition.partitionMaxBytes());
        });
    }

    @Override
    BrowseRequest readRequest(MessageReader reader, short version) {
        return new BrowseRequest(SubscriptionFields.readKey(reader), reader.readLong(), Fields.readTopicKey(reader),
                reader.readNullableString(), reader.readInt(),
                reader.readArray(PARTITION_BYTES, r -> new BrowsePartition(
                        r.readInt(), r.readInt(), r.readLong(), r.readInt(), r.readInt())));
    }

    @Override
    void writeResponse(MessageWriter writer, BrowseResponse response, short version) {
        writer.writeArray(response.partitions(), (w, partition) -> {
            w.writeInt(partition.partition());
            Fields.writeError(w, partition.error());
            w.writeLong(partition.nextOffset());
            SubscriptionFields.writeRanges(w, partition.visible());
            w.writeRecords(partition.records());
        });
    }

    @Override
    BrowseResponse readResponse(MessageReader reader, short version) {
        return new BrowseResponse(reader.readArray(BROWSED_MIN_BYTES, r -> new BrowsedPartition(
                r.readInt(), Fields.readError(r), r.readLong(), SubscriptionFields.readRanges(r), r.readRecords())));
    }
}
