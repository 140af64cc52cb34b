/**
 * Frames of the Partita wire protocol: {@link dev.partita.protocol.frame.FrameCodec} (whole frames),
 * {@link dev.partita.protocol.frame.MessageWriter} and {@link dev.partita.protocol.frame.MessageReader}
 * (the primitive encodings, bounds-checked on read), one package-private codec per API
 * ({@code MetadataCodec} etc., each taking the API version), and the typed exceptions of bad input.
 * The same tables, with the error handling, are in {@code protocol/README.md}, "Frames and messages";
 * {@code FrameCodecGoldenBytesTest} pins them.
 *
 * <h2>Frames</h2>
 * All integers big-endian. {@code size} counts the bytes after itself; the transport checks it against
 * its maximum ({@link dev.partita.protocol.frame.FrameCodec#DEFAULT_MAX_FRAME_BYTES}) and
 * {@link dev.partita.protocol.frame.FrameCodec#MIN_FRAME_BYTES} before buffering the body.
 * <pre>
 * Request frame
 * | offset | size | field         | notes                                                |
 * |--------|------|---------------|------------------------------------------------------|
 * |      0 |    4 | size          | bytes after this field                               |
 * |      4 |    2 | apiKey        | ApiKey.id()                                          |
 * |      6 |    2 | apiVersion    | in the key's minVersion()..maxVersion() (all 0 now)  |
 * |      8 |    4 | correlationId | echoed by the response; requests may be pipelined    |
 * |     12 |    - | body          | the request of that key and version                  |
 *
 * Response frame
 * | offset | size | field         | notes                                                |
 * |--------|------|---------------|------------------------------------------------------|
 * |      0 |    4 | size          | bytes after this field                               |
 * |      4 |    4 | correlationId | the request's                                        |
 * |      8 |    2 | errorCode     | request level: NONE, or why the whole request failed |
 * |     10 |    - | body          | errorCode NONE: the response body                    |
 * |     10 |    - | message       | otherwise: a nullable string, nothing after it       |
 * </pre>
 * An unknown API key or version throws {@link dev.partita.protocol.frame.UnsupportedApiException}
 * (with the correlation id: answer UNSUPPORTED_VERSION); anything malformed throws
 * {@link dev.partita.protocol.frame.InvalidFrameException} (close the connection); a request-level
 * error in a response throws {@link dev.partita.protocol.frame.ErrorResponseException}.
 *
 * <h2>Primitive types</h2>
 * <pre>
 * | type            | encoding                                                                  |
 * |-----------------|---------------------------------------------------------------------------|
 * | int8..int64     | big-endian two's complement                                               |
 * | boolean         | int8 0 or 1; anything else is invalid                                     |
 * | string          | int16 byte length, strict UTF-8; at most 32767 bytes                      |
 * | nullable string | as string, length -1 = null                                               |
 * | bytes           | int32 length (not negative), the bytes                                    |
 * | array of T      | int32 count, the elements; count checked against remaining bytes divided  |
 * |                 | by the smallest size of T before anything is allocated                    |
 * | nullable array  | as array, count -1 = null                                                 |
 * | records         | int32 length (not negative), raw record batches; written as a part of its |
 * |                 | own (never copied), read as MemoryRecords slicing the frame               |
 * | TopicKey        | int8 kind (1 QUEUE, 2 TOPIC), string name                                 |
 * | error           | int16 Errors code; unknown codes read as UNKNOWN_SERVER_ERROR             |
 * | Acks            | int16: 0 NONE, 1 LEADER, -1 ALL                                           |
 * | IsolationLevel  | int8: 0 READ_UNCOMMITTED, 1 READ_COMMITTED                                |
 * | uuid            | int64 most significant bits, int64 least significant bits                 |
 * | SubscriptionKey | int8 kind, then 1 QUEUE: string queue; 2 PRIVATE: uuid connectionId,      |
 * |                 | int64 consumerId; 3 DURABLE, 4 SHARED: nullable string clientId (null =   |
 * |                 | none, empty is invalid), string name                                      |
 * | DeliveryRange   | int64 firstOffset, int64 lastOffset (inclusive), int32 deliveryCount      |
 * | ReleasedRange   | DeliveryRange, boolean delivered                                          |
 * </pre>
 *
 * <h2>Bodies, version 0</h2>
 * Fields in order; an indented field belongs to the array element above it.
 * <pre>
 * API_VERSIONS (0)   request: empty
 *                    response: apiKeys array { apiKey int16, minVersion int16, maxVersion int16 }
 *
 * METADATA (1)       request:  topics nullable array of TopicKey (null = all, empty = none)
 *                              allowAutoTopicCreation boolean
 *                    response: brokers array
 *                                id int32, host string, port int32, rack nullable string
 *                              controllerId int32 (-1 = none)
 *                              topics array
 *                                error, topic TopicKey, logId nullable string (null on error)
 *                                partitions array
 *                                  error, partition int32, leaderId int32 (-1 = none),
 *                                  leaderEpoch int32, replicas array of int32, isr array of int32
 *
 * CREATE_TOPICS (2)  request:  topics array
 *                                topic TopicKey, numPartitions int32 (-1 = default),
 *                                replicationFactor int16 (-1 = default),
 *                                configs array { key string, value string } (sorted, keys unique)
 *                              timeoutMs int32, validateOnly boolean
 *                    response: results array { topic TopicKey, error, errorMessage nullable string }
 *
 * DELETE_TOPICS (3)  request:  topics array of TopicKey, timeoutMs int32
 *                    response: as CREATE_TOPICS
 *
 * PRODUCE (4)        request:  acks int16, timeoutMs int32
 *                              topics array
 *                                topic TopicKey
 *                                partitions array { partition int32, records }
 *                    response: topics array
 *                                topic TopicKey
 *                                partitions array
 *                                  partition int32, error, errorMessage nullable string,
 *                                  baseOffset int64, logAppendTime int64 (-1 = create time),
 *                                  logStartOffset int64
 *
 * FETCH (5)          request:  replicaId int32 (-1 = consumer), maxWaitMs int32, minBytes int32,
 *                              maxBytes int32, isolation int8
 *                              topics array
 *                                topic TopicKey
 *                                partitions array
 *                                  partition int32, currentLeaderEpoch int32 (-1 = unknown),
 *                                  fetchOffset int64, partitionMaxBytes int32
 *                    response: topics array
 *                                topic TopicKey
 *                                partitions array
 *                                  partition int32, error, highWatermark int64,
 *                                  lastStableOffset int64, logStartOffset int64, records
 *
 * LIST_OFFSETS (6)   request:  replicaId int32, isolation int8
 *                              topics array
 *                                topic TopicKey
 *                                partitions array
 *                                  partition int32, currentLeaderEpoch int32,
 *                                  timestamp int64 (-2 = earliest, -1 = latest)
 *                    response: topics array
 *                                topic TopicKey
 *                                partitions array
 *                                  partition int32, error, timestamp int64, offset int64,
 *                                  leaderEpoch int32
 *
 * SASL_HANDSHAKE (7) request:  mechanism string
 *                    response: error, mechanisms array of string
 *
 * SASL_AUTHENTICATE (8)
 *                    request:  authBytes bytes
 *                    response: error, errorMessage nullable string, authBytes bytes,
 *                              sessionLifetimeMs int64 (0 = no expiry)
 *
 * Keys 9..17 (JMS subscriptions) are defined but not yet served: brokers answer UNSUPPORTED_VERSION.
 *
 * CLIENT_ID_CLAIM (9) request:  connectionId uuid, clientId string
 *                    response: error, errorMessage nullable string
 *
 * CLIENT_ID_RELEASE (10)
 *                    request:  connectionId uuid, clientId string
 *                    response: error, errorMessage nullable string, released boolean
 *
 * SUBSCRIBE (11)     request:  key SubscriptionKey, topic TopicKey, selector nullable string,
 *                              noLocal boolean, shared boolean, connectionId uuid, sessionId uuid,
 *                              consumerId int64, timeoutMs int32
 *                    response: error, errorMessage nullable string, generation int64
 *                              partitions array { partition int32, error, startOffset int64 }
 *
 * SESSION_HEARTBEAT (12)
 *                    request:  connectionId uuid, sessionIds array of uuid
 *                    response: error, leaseTimeoutMs int32, expiredSessionIds array of uuid
 *
 * ACQUIRE (13)       request:  connectionId uuid, sessionId uuid, key SubscriptionKey, generation int64,
 *                              topic TopicKey, maxWaitMs int32, maxBytes int32
 *                              partitions array
 *                                partition int32, currentLeaderEpoch int32, sessionEpoch int32,
 *                                maxRecords int32, partitionMaxBytes int32
 *                    response: partitions array
 *                                partition int32, error, sessionEpoch int32,
 *                                acquired array of DeliveryRange, records
 *
 * ACKNOWLEDGE (14)   request:  sessionId uuid, key SubscriptionKey, generation int64, topic TopicKey
 *                              partitions array
 *                                partition int32, sessionEpoch int32, offsets array of DeliveryRange
 *                    response: partitions array
 *                                partition int32, error, errorMessage nullable string, sessionEpoch int32
 *
 * RELEASE (15)       request:  as ACKNOWLEDGE, offsets array of ReleasedRange
 *                    response: as ACKNOWLEDGE
 *
 * UNSUBSCRIBE (16)   request:  mode int8 (1 CLOSE_CONSUMER, 2 DELETE), key SubscriptionKey,
 *                              connectionId uuid, consumerId int64
 *                    response: error, errorMessage nullable string
 *
 * BROWSE (17)        request:  key SubscriptionKey, generation int64, topic TopicKey,
 *                              selector nullable string, maxBytes int32
 *                              partitions array
 *                                partition int32, currentLeaderEpoch int32, fromOffset int64 (-1 = start),
 *                                maxRecords int32, partitionMaxBytes int32
 *                    response: partitions array
 *                                partition int32, error, nextOffset int64 (-1 = end),
 *                                visible array of DeliveryRange, records
 *
 * DESCRIBE_SUBSCRIPTIONS (18)
 *                    request:  destinations nullable array of TopicKey (null = every destination)
 *                    response: error, errorMessage nullable string
 *                              subscriptions array
 *                                destination TopicKey, key SubscriptionKey, generation int64
 *                                partitions array
 *                                  partition int32, consumers int32, committedStart int64, logEnd int64,
 *                                  lag int64, leaderEpoch int32, updatedAtMs int64
 *
 * TEMPORARY_CREATE (19)
 *                    request:  connectionId uuid, kind int8 (1 queue, 2 topic), sequence int64
 *                    response: error, errorMessage nullable string, name nullable string
 *
 * TEMPORARY_DELETE (20)
 *                    request:  connectionId uuid, name string
 *                    response: error, errorMessage nullable string
 * </pre>
 *
 * <h2>Design notes</h2>
 * Record sets stay out of the heap buffers: {@link dev.partita.protocol.frame.EncodedFrame} lists
 * them as parts of their own, so a fetch served from a log segment goes to the socket with sendfile.
 * Decoding never copies them either: decoded records slice the frame buffer, which the caller keeps
 * alive while it uses them. A new version of an API raises {@code ApiKey.maxVersion()} and branches
 * on the {@code version} argument of that API's codec.
 *
 * <p>Everything here is stateless or single-use: {@code FrameCodec} is thread-safe; a
 * {@code MessageWriter} or {@code MessageReader} belongs to one thread.
 */
package dev.partita.protocol.frame;
