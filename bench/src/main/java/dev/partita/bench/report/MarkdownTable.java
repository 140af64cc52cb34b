package dev.partita.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A markdown table built row by row, with columns padded so it also reads as plain text. Not thread-safe. */
public final class MarkdownTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(String... header) {
        this.header = List.of(header);
    }

    public MarkdownTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        rows.add(List.of(cells));
        return this;
    }

    public String render() {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(3, header.get(i).length());
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, header, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        appendRow(out, rule, widths);
        for (List<String> row : rows) {
            appendRow(out, row, widths);
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.size(); i++) {
            out.append(' ').append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length())).append(" |");
        }
        out.append('\n');
    }

    /** A whole number with thousands separators, e.g. {@code 123,456}. */
    public static String number(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
    }

    /** One decimal, e.g. {@code 12.3}. */
    public static String decimal(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
    }

    /** Two decimals, e.g. {@code 0.87}. */
    public static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** Milliseconds with precision that suits the size: {@code 0.412}, {@code 3.21}, {@code 45.6}. */
    public static String millis(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        String format = value < 1 ? "%.3f" : value < 10 ? "%.2f" : "%.1f";
        return String.format(Locale.ROOT, format, value);
    }

    /** Bytes as MiB, e.g. {@code 612 MiB}. */
    public static String mebibytes(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }
}
