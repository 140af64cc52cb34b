package dev.partita.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.partita.protocol.frame.ErrorResponseException;
import dev.partita.protocol.message.ApiKey;
import dev.partita.protocol.message.ApiRequest;
import dev.partita.protocol.message.ApiVersionsRequest;
import dev.partita.protocol.message.ApiVersionsResponse;
import dev.partita.protocol.message.BrowseRequest;
import dev.partita.protocol.message.Errors;
import dev.partita.protocol.message.SubscriptionKey;
import dev.partita.protocol.message.TopicKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subscription APIs (keys 9..17) are defined in the protocol before the broker serves them:
 * until their handlers land, a request of one gets UNSUPPORTED_VERSION and the connection goes on.
 * Whoever adds a handler replaces its request here by one still unserved, or removes this test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UnservedSubscriptionApisIT {

    @TempDir
    static Path dataDir;

    static PartitaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = TestBrokers.start(dataDir, Map.of());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aDefinedButUnservedApiGetsUnsupportedVersionAndTheConnectionGoesOn() throws Exception {
        List<ApiRequest> unserved = List.of(
                new BrowseRequest(SubscriptionKey.queue("q"), 0, TopicKey.queue("q"), null, 1 << 20,
                        List.of(new BrowseRequest.BrowsePartition(0, -1, BrowseRequest.BrowsePartition.FROM_START, 10, 1 << 20))));
        try (RawClient client = RawClient.connect(broker)) {
            for (ApiRequest request : unserved) {
                client.sendOnly(request);
                ErrorResponseException error = client.readError(request.apiKey());
                assertThat(error.error()).as(request.apiKey().toString()).isEqualTo(Errors.UNSUPPORTED_VERSION);
                assertThat(error.getMessage()).contains(request.apiKey().name());
            }
            ApiVersionsResponse after = client.send(new ApiVersionsRequest());
            assertThat(after.find(ApiKey.METADATA)).isPresent();
        }
    }
}
