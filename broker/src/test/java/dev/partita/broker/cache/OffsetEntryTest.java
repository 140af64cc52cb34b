package dev.partita.broker.cache;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class OffsetEntryTest {

    private static OffsetEntry at(int leaderEpoch, long stateOffset) {
        return new OffsetEntry(0, 0, 0, 0, leaderEpoch, stateOffset, 0);
    }

    @Test
    void aLaterLeaderEpochWinsEvenWithASmallerStateOffset() {
        assertThat(at(3, 5).supersedes(at(2, 900))).isTrue();
        assertThat(at(2, 900).supersedes(at(3, 5))).isFalse();
    }

    @Test
    void withinOneEpochTheLaterStateOffsetWins() {
        assertThat(at(2, 11).supersedes(at(2, 10))).isTrue();
        assertThat(at(2, 10).supersedes(at(2, 11))).isFalse();
    }

    @Test
    void withinOneStateOffsetALongerLogAndThenALaterRefreshWin() {
        OffsetEntry before = new OffsetEntry(5, 10, 5, 1, 2, 40, 1_000);
        OffsetEntry logGrew = new OffsetEntry(5, 12, 7, 1, 2, 40, 900);
        OffsetEntry refreshed = new OffsetEntry(5, 10, 5, 1, 2, 40, 2_000);
        assertThat(logGrew.supersedes(before)).isTrue();
        assertThat(before.supersedes(logGrew)).isFalse();
        assertThat(refreshed.supersedes(before)).isTrue();
        assertThat(refreshed.sameProgressAs(before)).isTrue();
        assertThat(logGrew.sameProgressAs(before)).isFalse();
        assertThat(new OffsetEntry(5, 10, 5, 1, 2, 39, 5_000).supersedes(before)).isFalse();
    }

    @Test
    void anEqualVersionDoesNotReplaceAndAnythingReplacesNothing() {
        assertThat(at(2, 10).supersedes(at(2, 10))).isFalse();
        assertThat(at(0, 0).supersedes(null)).isTrue();
    }

    @Property(tries = 300)
    void newestIsTheMaximumWhateverTheOrder(@ForAll @IntRange(max = 5) int e1, @ForAll @LongRange(max = 50) long o1,
                                            @ForAll @IntRange(max = 5) int e2, @ForAll @LongRange(max = 50) long o2) {
        OffsetEntry a = at(e1, o1);
        OffsetEntry b = at(e2, o2);
        OffsetEntry newest = a.newest(b);
        assertThat(b.newest(a).leaderEpoch()).isEqualTo(newest.leaderEpoch());
        assertThat(b.newest(a).stateOffset()).isEqualTo(newest.stateOffset());
        assertThat(a.supersedes(newest) || b.supersedes(newest)).isFalse();
    }
}
