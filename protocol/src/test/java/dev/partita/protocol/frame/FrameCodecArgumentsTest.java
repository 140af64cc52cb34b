package dev.partita.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiVersionsRequest;
import dev.partita.protocol.message.ApiVersionsResponse;
import dev.partita.protocol.message.DeleteTopicsResponse;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.MetadataRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Programming errors on the encoding side fail at once, before anything reaches the wire. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FrameCodecArgumentsTest {

    @Test
    void aRequestMustMatchItsHeadersApi() {
        assertThatThrownBy(() -> FrameCodec.encodeRequest(RequestHeader.latest(ApiKey.FETCH, 1),
                MetadataRequest.allTopics()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FETCH expects a FetchRequest, got MetadataRequest");
    }

    @Test
    void onlySupportedVersionsAreEncodedOrDecoded() {
        assertThatThrownBy(() -> FrameCodec.encodeRequest(new RequestHeader(ApiKey.API_VERSIONS, (short) 1, 1),
                new ApiVersionsRequest())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 1");
        assertThatThrownBy(() -> FrameCodec.encodeResponse(1, (short) -1, ApiVersionsResponse.ofThisBuild()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrameCodec.decodeResponse(ApiKey.METADATA, (short) 5,
                Frames.body(FrameCodec.encodeErrorResponse(1, Errors.INVALID_REQUEST, null))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aResponseOfOneApiDecodedAsAnotherIsInvalidNotMisread() {
        // an empty DeleteTopics response is an int32 0; as an ApiVersions response it is also "no
        // entries", but as a Metadata response the controller id and topics are missing
        EncodedFrame frame = FrameCodec.encodeResponse(1, (short) 0, new DeleteTopicsResponse(List.of()));
        assertThat(FrameCodec.decodeResponse(ApiKey.API_VERSIONS, (short) 0, Frames.body(frame)))
                .isEqualTo(new ApiVersionsResponse(List.of()));
        assertThatThrownBy(() -> FrameCodec.decodeResponse(ApiKey.METADATA, (short) 0, Frames.body(frame)))
                .isInstanceOf(InvalidFrameException.class);
    }

    @Test
    void noneIsNotAnErrorResponse() {
        assertThatThrownBy(() -> FrameCodec.encodeErrorResponse(1, Errors.NONE, "fine"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aVeryLongErrorMessageIsCutToFitItsLengthField() {
        String message = "é".repeat(40_000);
        EncodedFrame frame = FrameCodec.encodeErrorResponse(1, Errors.POLICY_VIOLATION, message);
        assertThatThrownBy(() -> FrameCodec.decodeResponse(ApiKey.CREATE_TOPICS, (short) 0, Frames.body(frame)))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.error()).isEqualTo(Errors.POLICY_VIOLATION);
                    assertThat(message).startsWith(e.getMessage());
                    assertThat(e.getMessage()).hasSizeGreaterThan(10_000);
                });
    }
}
