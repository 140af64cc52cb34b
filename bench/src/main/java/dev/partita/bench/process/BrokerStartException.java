package dev.partita.bench.process;

/** A broker under test (or a tool it needs, such as Kafka's storage formatter) did not start. */
public final class BrokerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BrokerStartException(String message) {
        super(message);
    }

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
