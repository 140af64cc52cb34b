package dev.partita.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How much of the log one acquire pass reads: bounded by what the records asked need, not only by the byte limit. */
class AcquireWindowTest {

    private static final int ONE_MIB = 1 << 20;

    @Test
    void oneRecordAskedReadsASmallWindowNotTheWholeByteLimit() {
        assertThat(Acquirer.windowBytes(1, ONE_MIB, 0)).isEqualTo(Acquirer.MIN_WINDOW_BYTES);
    }

    @Test
    void aFullPrefetchStillReadsUpToTheByteLimit() {
        assertThat(Acquirer.windowBytes(1000, ONE_MIB, 0)).isEqualTo(ONE_MIB);
        assertThat(Acquirer.windowBytes(Integer.MAX_VALUE, ONE_MIB, 0)).isEqualTo(ONE_MIB);
    }

    @Test
    void windowsAfterARejectedOneGrowUntilTheByteLimit() {
        assertThat(Acquirer.windowBytes(1, ONE_MIB, 1)).isEqualTo(2 * Acquirer.MIN_WINDOW_BYTES);
        assertThat(Acquirer.windowBytes(1, ONE_MIB, 3)).isEqualTo(8 * Acquirer.MIN_WINDOW_BYTES);
        assertThat(Acquirer.windowBytes(1, ONE_MIB, Acquirer.MAX_WINDOWS - 1)).isEqualTo(ONE_MIB);
        assertThat(Acquirer.windowBytes(1, ONE_MIB, 60)).as("no overflow").isEqualTo(ONE_MIB);
    }

    @Test
    void aSmallByteLimitWins() {
        assertThat(Acquirer.windowBytes(1, 100, 0)).isEqualTo(100);
        assertThat(Acquirer.windowBytes(1, 0, 0)).as("still a positive read: at least one batch comes back").isEqualTo(1);
    }
}
