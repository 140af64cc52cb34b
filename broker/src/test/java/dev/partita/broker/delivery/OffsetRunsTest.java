package dev.partita.broker.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Timeout;

/** The run-length-encoded map against a plain array, after random range assignments. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OffsetRunsTest {

    private static final int SPAN = 64;
    private static final SessionId SESSION = new SessionId(0, 1);

    record Assignment(int first, int length, int value) {
    }

    /** value 0 = plain available, 1..3 = available with a count, 4..5 = acquired at epoch 0/1, 6 = acknowledged. */
    private static Run run(long first, long last, int value) {
        return switch (value) {
            case 1, 2, 3 -> new Run(first, last, DeliveryStatus.AVAILABLE, null, value);
            case 4, 5 -> new Run(first, last, DeliveryStatus.ACQUIRED, new Owner.Session(SESSION, value - 4), 1);
            default -> new Run(first, last, DeliveryStatus.ACKNOWLEDGED, null, 0);
        };
    }

    @Property(tries = 300)
    void setKeepsRunsMaximalAndEqualToAPlainArray(
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = SPAN * 8 * 7 - 1) Integer> encoded) {
        OffsetRuns runs = new OffsetRuns();
        int[] plain = new int[SPAN + 8];
        for (int code : encoded) {
            Assignment a = new Assignment(code % SPAN, 1 + (code / SPAN) % 8, code / (SPAN * 8));
            Run value = a.value() == 0 ? null : run(a.first(), a.first() + a.length() - 1, a.value());
            if (value == null) {
                runs.set(a.first(), a.first() + a.length() - 1, DeliveryStatus.AVAILABLE, null, 0);
            } else {
                runs.set(value.first(), value.last(), value.status(), value.owner(), value.deliveryCount());
            }
            for (int o = a.first(); o < a.first() + a.length(); o++) {
                plain[o] = a.value();
            }
            assertThat(new ArrayList<>(runs.all())).isEqualTo(expected(plain));
            for (int o = 0; o < plain.length; o++) {
                Run at = runs.at(o);
                assertThat(at == null ? 0 : valueOf(at)).isEqualTo(plain[o]);
            }
        }
    }

    private static int valueOf(Run run) {
        for (int v = 1; v <= 6; v++) {
            Run candidate = run(run.first(), run.last(), v);
            if (candidate.sameValueAs(run)) {
                return v;
            }
        }
        throw new AssertionError("unexpected run " + run);
    }

    private static List<Run> expected(int[] plain) {
        List<Run> runs = new ArrayList<>();
        for (int o = 0; o < plain.length; o++) {
            if (plain[o] == 0) {
                continue;
            }
            Run next = run(o, o, plain[o]);
            Run last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last.last() + 1 == o && Objects.equals(valueOf(last), plain[o])) {
                runs.set(runs.size() - 1, last.withBounds(last.first(), o));
            } else {
                runs.add(next);
            }
        }
        return runs;
    }
}
