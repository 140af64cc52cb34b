package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiRequest;
import dev.partita.protocol.message.ApiResponse;

/**
 * The body codec of one API: writes and reads its request and response for a given version.
 * Callers have checked the version against {@link ApiKey#isVersionSupported}. Subclasses are
 * stateless and thread-safe.
 *
 * @param <Q> the request type
 * @param <S> the response type
 */
abstract class ApiCodec<Q extends ApiRequest, S extends ApiResponse> {

    private final ApiKey apiKey;
    private final Class<Q> requestType;
    private final Class<S> responseType;

    ApiCodec(ApiKey apiKey, Class<Q> requestType, Class<S> responseType) {
        this.apiKey = apiKey;
        this.requestType = requestType;
        this.responseType = responseType;
    }

    ApiKey apiKey() { return apiKey; }

    abstract void writeRequest(MessageWriter writer, Q request, short version);

    abstract Q readRequest(MessageReader reader, short version);

    abstract void writeResponse(MessageWriter writer, S response, short version);

    abstract S readResponse(MessageReader reader, short version);

    final void encodeRequest(MessageWriter writer, ApiRequest request, short version) {
        if (!requestType.isInstance(request)) {
            throw new IllegalArgumentException(apiKey + " expects a " + requestType.getSimpleName() + ", got "
                    + request.getClass().getSimpleName());
        }
        writeRequest(writer, requestType.cast(request), version);
    }

    final void encodeResponse(MessageWriter writer, ApiResponse response, short version) {
        if (!responseType.isInstance(response)) {
            throw new IllegalArgumentException(apiKey + " expects a " + responseType.getSimpleName() + ", got "
                    + response.getClass().getSimpleName());
        }
        writeResponse(writer, responseType.cast(response), version);
    }
}
