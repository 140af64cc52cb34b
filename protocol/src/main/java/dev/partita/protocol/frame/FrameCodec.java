package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiRequest;
import dev.partita.protocol.message.ApiResponse;
import dev.partita.protocol.message.Errors;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes whole frames: the size prefix, the request or response header and the body
 * of every API (layouts in the package documentation). Decoding takes the bytes after the size
 * prefix; the transport has already checked the size against its maximum before buffering them.
 *
 * <p>Decoded records are slices of the given buffer, not copies: the caller keeps that buffer
 * unchanged while it uses them. Stateless and thread-safe.
 */
public final class FrameCodec {

    /** Default bound on a frame's size prefix (the bytes after it). */
    public static final int DEFAULT_MAX_FRAME_BYTES = 100 * 1024 * 1024;
    public static final int SIZE_PREFIX_BYTES = 4;
    /** apiKey (int16), apiVersion (int16), correlationId (int32). */
    public static final int REQUEST_HEADER_BYTES = 2 + 2 + 4;
    /** correlationId (int32), errorCode (int16). */
    public static final int RESPONSE_HEADER_BYTES = 4 + 2;
    /** The smallest size prefix a valid frame can have (a response header with an empty body). */
    public static final int MIN_FRAME_BYTES = Math.min(REQUEST_HEADER_BYTES, RESPONSE_HEADER_BYTES);

    private static final Map<ApiKey, ApiCodec<?, ?>> CODECS = new EnumMap<>(ApiKey.class);

    static {
        for (ApiCodec<?, ?> codec : List.of(new ApiVersionsCodec(), new MetadataCodec(), new CreateTopicsCodec(),
                new DeleteTopicsCodec(), new ProduceCodec(), new FetchCodec(), new ListOffsetsCodec(),
                new SaslHandshakeCodec(), new SaslAuthenticateCodec(),
                new ClientIdClaimCodec(), new ClientIdReleaseCodec(), new SubscribeCodec(), new SessionHeartbeatCodec(),
                new AcquireCodec(), new AcknowledgeCodec(), new ReleaseCodec(), new UnsubscribeCodec(),
                new BrowseCodec(), new DescribeSubscriptionsCodec(),
                new TemporaryCreateCodec(), new TemporaryDeleteCodec())) {
            CODECS.put(codec.apiKey(), codec);
        }
        for (ApiKey key : ApiKey.values()) {
            if (!CODECS.containsKey(key)) {
                throw new ExceptionInInitializerError("no codec for " + key);
            }
        }
    }

    private FrameCodec() { }

    /**
     * Encodes a request frame.
     *
     * @throws IllegalArgumentException if the request is not of the header's API, or the version is
     *                                  not one this build speaks
     */
    public static EncodedFrame encodeRequest(RequestHeader header, ApiRequest request) {
        checkVersion(header.apiKey(), header.apiVersion());
        MessageWriter writer = new MessageWriter();
        writer.writeShort(header.apiKey().id());
        writer.writeShort(header.apiVersion());
        writer.writeInt(header.correlationId());
        CODECS.get(header.apiKey()).encodeRequest(writer, request, header.apiVersion());
        return writer.finish();
    }

    /** Encodes a successful response frame (error code NONE, then the body). */
    public static EncodedFrame encodeResponse(int correlationId, short apiVersion, ApiResponse response) {
        checkVersion(response.apiKey(), apiVersion);
        MessageWriter writer = new MessageWriter();
        writer.writeInt(correlationId);
        writer.writeShort(Errors.NONE.code());
        CODECS.get(response.apiKey()).encodeResponse(writer, response, apiVersion);
        return writer.finish();
    }

    /**
     * Encodes a response saying the whole request failed: the error code and a message (null for
     * the code's default), no body. Works for any API, even one this build does not know.
     */
    public static EncodedFrame encodeErrorResponse(int correlationId, Errors error, String message) {
        if (error == Errors.NONE) {
            throw new IllegalArgumentException("an error response needs an error, not NONE");
        }
        MessageWriter writer = new MessageWriter();
        writer.writeInt(correlationId);
        writer.writeShort(error.code());
        writer.writeNullableString(truncate(message == null ? error.message() : message));
        return writer.finish();
    }

    /**
     * Decodes a request frame, from the byte after the size prefix to the buffer's limit.
     *
     * @throws UnsupportedApiException if the header names an API key or version this build does
     *                                 not speak (answer UNSUPPORTED_VERSION; the connection may go on)
     * @throws InvalidFrameException   if the frame is malformed (close the connection)
     */
    public static DecodedRequest decodeRequest(ByteBuffer frame) {
        MessageReader reader = new MessageReader(frame);
        if (reader.remaining() < REQUEST_HEADER_BYTES) {
            throw new InvalidFrameException("request frame of " + reader.remaining()
                    + " bytes is shorter than the " + REQUEST_HEADER_BYTES + "-byte request header");
        }
        short apiKeyId = reader.readShort();
        short apiVersion = reader.readShort();
        int correlationId = reader.readInt();
        ApiKey apiKey = ApiKey.forId(apiKeyId).orElseThrow(() -> new UnsupportedApiException(
                correlationId, apiKeyId, apiVersion, "unknown API key " + apiKeyId));
        if (!apiKey.isVersionSupported(apiVersion)) {
            throw new UnsupportedApiException(correlationId, apiKeyId, apiVersion, apiKey + " version " + apiVersion
                    + " is not supported (supported: " + apiKey.minVersion() + ".." + apiKey.maxVersion() + ")");
        }
        ApiRequest request = CODECS.get(apiKey).readRequest(reader, apiVersion);
        reader.ensureFullyRead(apiKey + " v" + apiVersion + " request");
        return new DecodedRequest(new RequestHeader(apiKey, apiVersion, correlationId), request);
    }

    /**
     * The correlation id of a response frame (after the size prefix), to find the request it
     * answers before decoding the rest. Does not move the buffer's position.
     */
    public static int peekCorrelationId(ByteBuffer responseFrame) {
        if (responseFrame.remaining() < RESPONSE_HEADER_BYTES) {
            throw new InvalidFrameException("response frame of " + responseFrame.remaining()
                    + " bytes is shorter than the " + RESPONSE_HEADER_BYTES + "-byte response header");
        }
        return responseFrame.getInt(responseFrame.position());
    }

    /**
     * Decodes a response frame (after the size prefix) to a request of {@code apiKey} at
     * {@code apiVersion}.
     *
     * @throws ErrorResponseException if the header carries a request-level error
     * @throws InvalidFrameException  if the frame is malformed
     */
    public static ApiResponse decodeResponse(ApiKey apiKey, short apiVersion, ByteBuffer frame) {
        checkVersion(apiKey, apiVersion);
        MessageReader reader = new MessageReader(frame);
        if (reader.remaining() < RESPONSE_HEADER_BYTES) {
            throw new InvalidFrameException("response frame of " + reader.remaining()
                    + " bytes is shorter than the " + RESPONSE_HEADER_BYTES + "-byte response header");
        }
        reader.readInt(); // correlation id: the caller matched it already
        Errors error = Errors.forCode(reader.readShort());
        if (error != Errors.NONE) {
            String message = reader.readNullableString();
            reader.ensureFullyRead("error response");
            throw new ErrorResponseException(error, message);
        }
        ApiResponse response = CODECS.get(apiKey).readResponse(reader, apiVersion);
        reader.ensureFullyRead(apiKey + " v" + apiVersion + " response");
        return response;
    }

    private static void checkVersion(ApiKey apiKey, short apiVersion) {
        if (!apiKey.isVersionSupported(apiVersion)) {
            throw new IllegalArgumentException(apiKey + " version " + apiVersion + " is not supported (supported: "
                    + apiKey.minVersion() + ".." + apiKey.maxVersion() + ")");
        }
    }

    /** Cuts a message to what an int16-length string can carry, never splitting a character. */
    private static String truncate(String message) {
        int max = MessageReader.MAX_STRING_BYTES / 3; // UTF-8 uses at most 3 bytes per UTF-16 unit
        if (message.length() <= max) {
            return message;
        }
        int end = Character.isHighSurrogate(message.charAt(max - 1)) ? max - 1 : max;
        return message.substring(0, end);
    }
}
