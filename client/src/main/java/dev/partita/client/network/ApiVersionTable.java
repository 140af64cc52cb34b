package dev.partita.client.network;

import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiVersionsResponse;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * The version of each API this client uses on one connection: the highest version both this build
 * and the broker speak, learned from the broker's ApiVersions answer. Immutable.
 */
final class ApiVersionTable {

    private static final short UNSUPPORTED = -1;

    private final short[] versions;

    private ApiVersionTable(short[] versions) {
        this.versions = versions;
    }

    /** Before negotiation (the ApiVersions request itself): every API at its oldest version. */
    static ApiVersionTable initial() {
        short[] versions = new short[ApiKey.values().length];
        for (ApiKey key : ApiKey.values()) {
            versions[key.ordinal()] = key.minVersion();
        }
        return new ApiVersionTable(versions);
    }

    static ApiVersionTable negotiate(ApiVersionsResponse response) {
        short[] versions = new short[ApiKey.values().length];
        Arrays.fill(versions, UNSUPPORTED);
        for (ApiVersionsResponse.ApiVersion theirs : response.apiKeys()) {
            ApiKey.forId(theirs.apiKey()).ifPresent(key -> {
                short high = (short) Math.min(key.maxVersion(), theirs.maxVersion());
                short low = (short) Math.max(key.minVersion(), theirs.minVersion());
                if (high >= low) {
                    versions[key.ordinal()] = high;
                }
            });
        }
        return new ApiVersionTable(versions);
    }

    /** The version to send {@code key} with, or empty when the broker and this build share none. */
    OptionalInt version(ApiKey key) {
        short v = versions[key.ordinal()];
        return v == UNSUPPORTED ? OptionalInt.empty() : OptionalInt.of(v);
    }
}
