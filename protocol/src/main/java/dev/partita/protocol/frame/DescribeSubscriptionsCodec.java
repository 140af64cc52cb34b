package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.DescribeSubscriptionsRequest;
import dev.partita.protocol.message.DescribeSubscriptionsResponse;
import dev.partita.protocol.message.DescribeSubscriptionsResponse.DescribedPartition;
import dev.partita.protocol.message.DescribeSubscriptionsResponse.DescribedSubscription;

/** DESCRIBE_SUBSCRIPTIONS v0. Layouts in the package documentation. */
final class DescribeSubscriptionsCodec extends ApiCodec<DescribeSubscriptionsRequest, DescribeSubscriptionsResponse> {

    /** destination, key, generation, partitions count. */
    private static final int SUBSCRIPTION_MIN_BYTES = Fields.TOPIC_KEY_MIN_BYTES + SubscriptionFields.KEY_MIN_BYTES + 8
            + Fields.ARRAY_MIN_BYTES;
    /** partition, consumers, committed start, log end, lag, leader epoch, updated at. */
    private static final int PARTITION_BYTES = 4 + 4 + 8 + 8 + 8 + 4 + 8;

    DescribeSubscriptionsCodec() {
        super(ApiKey.DESCRIBE_SUBSCRIPTIONS, DescribeSubscriptionsRequest.class, DescribeSubscriptionsResponse.class);
    }

    @Override
    void writeRequest(MessageWriter writer, DescribeSubscriptionsRequest request, short version) {
        writer.writeNullableArray(request.destinations(), Fields::writeTopicKey);
    }

    @Override
    DescribeSubscriptionsRequest readRequest(MessageReader reader, short version) {
        return new DescribeSubscriptionsRequest(reader.readNullableArray(Fields.TOPIC_KEY_MIN_BYTES, Fields::readTopicKey));
    }

    @Override
    void writeResponse(MessageWriter writer, DescribeSubscriptionsResponse response, short version) {
        Fields.writeError(writer, response.error());
        writer.writeNullableString(response.errorMessage());
        writer.writeArray(response.subscriptions(), (w, subscription) -> {
            Fields.writeTopicKey(w, subscription.destination());
            SubscriptionFields.writeKey(w, subscription.key());
            w.writeLong(subscription.generation());
            w.writeArray(subscription.partitions(), (pw, partition) -> {
                pw.writeInt(partition.partition());
                pw.writeInt(partition.consumers());
                pw.writeLong(partition.committedStart());
                pw.writeLong(partition.logEnd());
                pw.writeLong(partition.lag());
                pw.writeInt(partition.leaderEpoch());
                pw.writeLong(partition.updatedAtMs());
            });
        });
    }

    @Override
    DescribeSubscriptionsResponse readResponse(MessageReader reader, short version) {
        return new DescribeSubscriptionsResponse(Fields.readError(reader), reader.readNullableString(),
                reader.readArray(SUBSCRIPTION_MIN_BYTES, r -> new DescribedSubscription(Fields.readTopicKey(r),
                        SubscriptionFields.readKey(r), r.readLong(), r.readArray(PARTITION_BYTES, p -> new DescribedPartition(
                                p.readInt(), p.readInt(), p.readLong(), p.readLong(), p.readLong(), p.readInt(), p.readLong())))));
    }
}
