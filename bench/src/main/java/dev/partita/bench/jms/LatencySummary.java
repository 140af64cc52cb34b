package dev.partita.bench.jms;

import dev.partita.bench.report.Stats;
import java.util.Collection;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency distribution in milliseconds (recorded in microseconds). Immutable;
 * {@link #EMPTY} where nothing was recorded.
 */
public record LatencySummary(long count, double p50Ms, double p99Ms, double p999Ms, double maxMs) {

    public static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** A histogram wide enough for any latency of a run (up to 10 minutes, in microseconds, 3 digits). */
    public static Histogram newHistogram() {
        return new Histogram(600_000_000L, 3);
    }

    /** Summarises the histograms merged. */
    public static LatencySummary of(Collection<Histogram> histograms) {
        Histogram all = newHistogram();
        histograms.forEach(all::add);
        if (all.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(all.getTotalCount(), millis(all.getValueAtPercentile(50)),
            millis(all.getValueAtPercentile(99)), millis(all.getValueAtPercentile(99.9)), millis(all.getMaxValue()));
    }

    /** The median of each percentile over rounds (a summary of summaries, as the report shows it). */
    public static LatencySummary medianOf(List<LatencySummary> rounds) {
        List<LatencySummary> present = rounds.stream().filter(s -> s.count() > 0).toList();
        if (present.isEmpty()) {
            return EMPTY;
        }
        return new LatencySummary(present.get(0).count(),
            median(present.stream().map(LatencySummary::p50Ms).toList()),
            median(present.stream().map(LatencySummary::p99Ms).toList()),
            median(present.stream().map(LatencySummary::p999Ms).toList()),
            median(present.stream().map(LatencySummary::maxMs).toList()));
    }

    private static double median(List<Double> values) {
        return Stats.median(values);
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
