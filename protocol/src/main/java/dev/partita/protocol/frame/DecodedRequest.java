package dev.partita.protocol.frame;

import dev.partita.protocol.message.ApiRequest;
import java.util.Objects;

/** A request read from a frame: its header (needed to answer) and its body. */
public record DecodedRequest(RequestHeader header, ApiRequest request) {

    public DecodedRequest {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(request, "request");
    }
}
