package dev.partita.bench.jms;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cell of the JMS benchmark, named {@code <queue|topic>-<producers>x<consumers>-<sync|async>}:
 * e.g. {@code queue-4x4-async} (a queue, 4 producers, 4 consumers, sends with a
 * {@code CompletionListener}), {@code topic-1x2-sync} (a topic, one producer, 2 non-durable
 * subscribers, each receiving every message) or {@code queue-1x0-sync} (sends only, nothing
 * consumed). Immutable.
 */
public record JmsScenario(Kind kind, int producers, int consumers, SendMode sendMode) {

    /** Queue (each message to one consumer) or topic (each message to every subscriber). */
    public enum Kind { QUEUE, TOPIC }

    /** Synchronous {@code send}, or asynchronous with a {@code CompletionListener}. */
    public enum SendMode { SYNC, ASYNC }

    private static final Pattern NAME = Pattern.compile("(queue|topic)-(\\d+)x(\\d+)-(sync|async)");

    /** The default cells: both send modes of queue 1x1, queue 4x4, topic 1x2, and the send-only queue cells. */
    public static final List<JmsScenario> DEFAULTS = List.of(
        parse("queue-1x1-sync"), parse("queue-1x1-async"),
        parse("queue-4x4-sync"), parse("queue-4x4-async"),
        parse("topic-1x2-sync"), parse("topic-1x2-async"),
        parse("queue-1x0-sync"), parse("queue-1x0-async"),
        parse("queue-4x0-sync"), parse("queue-4x0-async"));

    public JmsScenario {
        if (producers < 1) {
            throw new IllegalArgumentException("a scenario needs at least one producer, got " + producers);
        }
        if (consumers < 0) {
            throw new IllegalArgumentException("consumers must be 0 or more, got " + consumers);
        }
    }

    /** Parses {@code queue-4x4-async}; throws {@link IllegalArgumentException} naming the expected form. */
    public static JmsScenario parse(String name) {
        Matcher m = NAME.matcher(name.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("scenario \"" + name
                + "\" is not <queue|topic>-<producers>x<consumers>-<sync|async>, e.g. queue-4x4-async");
        }
        return new JmsScenario(Kind.valueOf(m.group(1).toUpperCase(Locale.ROOT)), Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)), SendMode.valueOf(m.group(4).toUpperCase(Locale.ROOT)));
    }

    public String name() {
        return kind.name().toLowerCase(Locale.ROOT) + "-" + producers + "x" + consumers + "-"
            + sendMode.name().toLowerCase(Locale.ROOT);
    }

    /** True when messages are consumed (and so end-to-end figures exist). */
    public boolean consumes() {
        return consumers > 0;
    }

    /** How many copies of each message the consumers receive in all: 1 on a queue, one per subscriber on a topic. */
    public int copiesPerMessage() {
        return !consumes() ? 0 : kind == Kind.QUEUE ? 1 : consumers;
    }

    @Override
    public String toString() {
        return name();
    }
}
