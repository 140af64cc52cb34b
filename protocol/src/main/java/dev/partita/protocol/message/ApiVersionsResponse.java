package dev.partita.protocol.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The APIs a broker speaks, each with its version range. */
public record ApiVersionsResponse(List<ApiVersion> apiKeys) implements ApiResponse {

    public ApiVersionsResponse {
        apiKeys = List.copyOf(apiKeys);
    }

    /** What this build speaks: every {@link ApiKey} with its version range. */
    public static ApiVersionsResponse ofThisBuild() {
        List<ApiVersion> versions = new ArrayList<>();
        for (ApiKey key : ApiKey.values()) {
            versions.add(new ApiVersion(key.id(), key.minVersion(), key.maxVersion()));
        }
        return new ApiVersionsResponse(versions);
    }

    /** The range for {@code key}, or empty when the peer does not speak it. */
    public Optional<ApiVersion> find(ApiKey key) {
        return apiKeys.stream().filter(v -> v.apiKey() == key.id()).findFirst();
    }

    @Override
    public ApiKey apiKey() { return ApiKey.API_VERSIONS; }

    /** One API id (possibly unknown to this build) and the versions the peer speaks. */
    public record ApiVersion(short apiKey, short minVersion, short maxVersion) { }
}
