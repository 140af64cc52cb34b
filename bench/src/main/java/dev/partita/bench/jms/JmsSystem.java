package dev.partita.bench.jms;

import dev.partita.bench.process.BrokerLaunchSettings;
import dev.partita.bench.process.BrokerProcess;
import dev.partita.bench.process.PartitaProcess;
import dev.partita.provider.PartitaConnectionFactory;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A JMS system under test: how its broker starts, how a client reaches it (the only two places the
 * benchmark names a provider class; the workload itself is plain {@code jakarta.jms}), and, for the
 * report, what its acknowledgements wait for. Stateless.
 */
public enum JmsSystem {

    /** Partita with its provider's defaults: PERSISTENT = acks ALL (group-commit fsync), AUTO_ACKNOWLEDGE blocks on the ack. */
    PARTITA("Partita",
        "PERSISTENT send returns (or its CompletionListener runs) after the broker's group-commit fsync (producer acks ALL)",
        "AUTO_ACKNOWLEDGE blocks on each acknowledgement (provider default blockOnAcknowledge=true: message n's ack is confirmed before n+1 is handed over) unless the URL sets blockOnAcknowledge=false") {
        @Override
        public BrokerProcess start(BrokerLaunchSettings settings) {
            return PartitaProcess.start(settings);
        }

        @Override
        public ConnectionFactory connectionFactory(String hostPort, String options) {
            return new PartitaConnectionFactory(brokerUrl(hostPort, options));
        }

        @Override
        public String brokerUrl(String hostPort, String options) {
            return "partita://" + hostPort + (options.isEmpty() ? "" : "?" + options);
        }
    },

    /** ActiveMQ Artemis 2.40 with its client defaults, plus a confirmation window so CompletionListeners mean stored. */
    ARTEMIS("Artemis",
        "PERSISTENT sync send blocks until the broker has written it to the NIO journal with fsync (blockOnDurableSend=true, journal-datasync=true); "
            + "async sends use confirmationWindowSize=1 MiB so the CompletionListener runs on the broker's confirmation (without a window Artemis calls it as soon as the bytes are written)",
        "AUTO_ACKNOWLEDGE does not block on acknowledgements (Artemis default blockOnAcknowledge=false): each ack is sent without waiting for the broker's answer") {
        @Override
        public BrokerProcess start(BrokerLaunchSettings settings) {
            return ArtemisProcess.start(settings);
        }

        @Override
        public ConnectionFactory connectionFactory(String hostPort, String options) {
            return new ActiveMQConnectionFactory(brokerUrl(hostPort, options));
        }

        @Override
        public String brokerUrl(String hostPort, String options) {
            return "tcp://" + hostPort + "?confirmationWindowSize=1048576" + (options.isEmpty() ? "" : "&" + options);
        }
    };

    private final String product;
    private final String sendAcknowledgement;
    private final String consumerAcknowledgement;

    JmsSystem(String product, String sendAcknowledgement, String consumerAcknowledgement) {
        this.product = product;
        this.sendAcknowledgement = sendAcknowledgement;
        this.consumerAcknowledgement = consumerAcknowledgement;
    }

    /** Starts this system's broker in a child JVM. */
    public abstract BrokerProcess start(BrokerLaunchSettings settings);

    /** A connection factory for the broker at {@code host:port}, with extra URL options ({@code a=b&c=d}, may be empty). */
    public abstract ConnectionFactory connectionFactory(String hostPort, String options);

    /** The broker URL the factory is made from (shown in the report). */
    public abstract String brokerUrl(String hostPort, String options);

    public String product() {
        return product;
    }

    /** When a PERSISTENT send is acknowledged to the application. */
    public String sendAcknowledgement() {
        return sendAcknowledgement;
    }

    /** What AUTO_ACKNOWLEDGE waits for on the consumer side. */
    public String consumerAcknowledgement() {
        return consumerAcknowledgement;
    }
}
