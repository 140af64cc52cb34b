package dev.partita.bench.jms;

/**
 * What one cell measured in one round, or why it could not be measured. Immutable.
 *
 * @param system       the system under test
 * @param scenario     the cell
 * @param round        1-based round
 * @param messages     messages the producers sent in all
 * @param sendSeconds  from the first send to the last send acknowledged (sync: returned; async: completed)
 * @param endToEndSeconds from the first send to the last message received (NaN without consumers)
 * @param send         send latency: the {@code send} call (sync) or send to its {@code onCompletion} (async)
 * @param endToEnd     end-to-end latency, send to receive, over every copy received
 * @param check        the loss and duplicate check (empty without consumers)
 * @param sendErrors   sends that threw or completed with an exception
 * @param failure      why the cell was not measured, or null
 */
public record JmsCellResult(JmsSystem system, JmsScenario scenario, int round, long messages, double sendSeconds,
                            double endToEndSeconds, LatencySummary send, LatencySummary endToEnd, DeliveryCheck check,
                            long sendErrors, String failure) {

    /** A cell that could not run (e.g. a provider refused to create a consumer). */
    public static JmsCellResult failed(JmsSystem system, JmsScenario scenario, int round, String failure) {
        return new JmsCellResult(system, scenario, round, 0, Double.NaN, Double.NaN, LatencySummary.EMPTY,
            LatencySummary.EMPTY, DeliveryCheck.NONE, 0, failure);
    }

    public boolean measured() {
        return failure == null;
    }

    /** Messages sent per second, from the first send to the last acknowledgement. */
    public double sendRate() {
        return measured() && sendSeconds > 0 ? messages / sendSeconds : Double.NaN;
    }

    /** Messages per second through the whole path, from the first send to the last receive (NaN without consumers). */
    public double endToEndRate() {
        return measured() && scenario.consumes() && endToEndSeconds > 0 ? messages / endToEndSeconds : Double.NaN;
    }
}
