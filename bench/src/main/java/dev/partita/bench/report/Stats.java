package dev.partita.bench.report;

import java.util.Collection;

/** Order statistics over the rounds of a run. Stateless. */
public final class Stats {

    private Stats() {
    }

    /** The median (mean of the middle two for an even count); NaN for no values. */
    public static double median(Collection<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** {@code numerator / denominator}, NaN when either is missing or the denominator is zero. */
    public static double ratio(double numerator, double denominator) {
        return Double.isNaN(numerator) || Double.isNaN(denominator) || denominator == 0 ? Double.NaN : numerator / denominator;
    }
}
