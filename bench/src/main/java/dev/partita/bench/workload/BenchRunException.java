package dev.partita.bench.workload;

/** One cell of the workload could not be measured (a send failed, a phase timed out). */
public final class BenchRunException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BenchRunException(String message) {
        super(message);
    }

    public BenchRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
