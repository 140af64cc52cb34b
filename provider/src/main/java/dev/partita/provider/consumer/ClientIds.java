package dev.partita.provider.consumer;

import dev.partita.client.PartitaClient;
import dev.partita.client.subscription.SubscriptionClient;
import dev.partita.protocol.message.ClientIdClaimRequest;
import dev.partita.protocol.message.ClientIdClaimResponse;
import dev.partita.protocol.message.ClientIdReleaseRequest;
import dev.partita.protocol.message.Errors;
import dev.partita.provider.util.JmsExceptions;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client IDs unique across the cluster (spec 6.1.2): a connection claims its ID with
 * CLIENT_ID_CLAIM (the broker keeps it for the logical connection until it is released or the
 * connection's lease expires) and releases it when it closes. Stateless.
 */
public final class ClientIds {

    private static final Logger log = LoggerFactory.getLogger(ClientIds.class);

    private ClientIds() {
    }

    /**
     * Claims {@code clientId} for the connection, waiting up to {@code timeoutMs}.
     *
     * @throws InvalidClientIDException when another connection holds it, or the broker refuses it
     */
    public static void claim(PartitaClient client, String connectionId, String clientId, long timeoutMs) throws JMSException {
        ClientIdClaimResponse response;
        try {
            response = SubscriptionClient.of(client).claimClientId(new ClientIdClaimRequest(UUID.fromString(connectionId), clientId))
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JMSException("interrupted while claiming client ID \"" + clientId + "\"");
        } catch (ExecutionException e) {
            throw JmsExceptions.toJms("claim client ID \"" + clientId + "\"", e);
        } catch (TimeoutException e) {
            throw new JMSException("claim client ID \"" + clientId + "\": no broker answered within " + timeoutMs + " ms",
                    Errors.REQUEST_TIMED_OUT.name());
        }
        String why = response.errorMessage() == null ? response.error().message() : response.errorMessage();
        switch (response.error()) {
            case NONE -> { }
            case CLIENT_ID_IN_USE, INVALID_CLIENT_ID -> throw new InvalidClientIDException("client ID \"" + clientId
                    + "\" cannot be used: " + why, response.error().name());
            default -> throw JmsExceptions.toJms("claim client ID \"" + clientId + "\"", response.error().exception(why));
        }
    }

    /** Releases the claim, waiting up to {@code timeoutMs}; a failure is logged (the lease expiry frees it anyway). */
    public static void release(PartitaClient client, String connectionId, String clientId, long timeoutMs) {
        try {
            SubscriptionClient.of(client).releaseClientId(new ClientIdReleaseRequest(UUID.fromString(connectionId), clientId))
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("releasing client ID {} failed (its lease expiry frees it): {}", clientId, e.toString());
        }
    }
}
