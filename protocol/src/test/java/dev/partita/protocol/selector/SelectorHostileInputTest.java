package dev.partita.protocol.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Selectors built to hurt: too long, too deep, huge lists and patterns. Each fails with a
 * {@link SelectorSyntaxException} (never a {@link StackOverflowError}) or evaluates quickly.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SelectorHostileInputTest {

    private static final int DEPTH = SelectorLimits.DEFAULT_MAX_DEPTH;

    @Test
    void rejectsSelectorsLongerThanTheLimit() throws SelectorSyntaxException {
        String atLimit = "a = '" + "x".repeat(SelectorLimits.DEFAULT_MAX_LENGTH - 6) + "'";
        assertThat(atLimit).hasSize(SelectorLimits.DEFAULT_MAX_LENGTH);
        assertThat(Selector.parse(atLimit).matches(name -> atLimit.substring(5, atLimit.length() - 1))).isTrue();

        String tooLong = atLimit + " ";
        assertThatThrownBy(() -> Selector.parse(tooLong))
                .isInstanceOf(SelectorSyntaxException.class)
                .hasMessage("selector is 65537 characters long; at most 65536 are allowed");
    }

    @Test
    void customLimitsApply() throws SelectorSyntaxException {
        SelectorLimits small = new SelectorLimits(20, 3);
        assertThat(Selector.parse("((a = 1))", small).matches(name -> 1L)).isTrue();
        assertThatThrownBy(() -> Selector.parse("((((a = 1))))", small))
                .hasMessage("selector nests deeper than 3 levels at column 4");
        assertThatThrownBy(() -> Selector.parse("a = 1 OR b = 2 OR c = 3", small))
                .hasMessageContaining("at most 20 are allowed");
        assertThatThrownBy(() -> new SelectorLimits(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deepParenthesesFailCleanly() {
        String deep = "(".repeat(50_000) + "a" + ")".repeat(50_000);
        assertThatThrownBy(() -> Selector.parse(deep, new SelectorLimits(200_000, DEPTH)))
                .isInstanceOf(SelectorSyntaxException.class)
                .hasMessage("selector nests deeper than 100 levels at column 101");
    }

    @Test
    void longNotAndSignChainsFailCleanly() {
        assertThatThrownBy(() -> Selector.parse("NOT ".repeat(10_000) + "a"))
                .hasMessageContaining("selector nests deeper than 100 levels");
        assertThatThrownBy(() -> Selector.parse("-".repeat(30_000) + "a = 1"))
                .hasMessageContaining("selector nests deeper than 100 levels");
    }

    @Test
    void longArithmeticChainsFailCleanly() {
        // No parentheses, but a + a + ... is a tree as deep as it is long.
        assertThatThrownBy(() -> Selector.parse("a" + " + a".repeat(10_000) + " = 1"))
                .isInstanceOf(SelectorSyntaxException.class)
                .hasMessageContaining("selector nests deeper than 100 levels at column");
    }

    @Test
    void theDeepestAcceptedSelectorWorksOnASmallStack() throws Exception {
        String deepest = "(".repeat(DEPTH) + "a = 1" + ")".repeat(DEPTH);
        String deepArithmetic = "a" + " + 1".repeat(DEPTH - 2) + " > 0";
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread small = new Thread(null, () -> {
            try {
                Selector parens = Selector.parse(deepest);
                Selector chain = Selector.parse(deepArithmetic);
                Selector reparsed = Selector.parse(chain.toCanonicalText());
                result.complete(parens.matches(name -> 1) && chain.matches(name -> 1) && reparsed.equals(chain));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "small-stack", 256 * 1024);
        small.start();
        assertThat(result.get(20, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> Selector.parse("(" + deepest + ")")).isInstanceOf(SelectorSyntaxException.class);
        assertThatThrownBy(() -> Selector.parse(deepArithmetic.replace(" > 0", " + 1 > 0")))
                .isInstanceOf(SelectorSyntaxException.class);
    }

    @Test
    void longFlatOrChainsAreFine() throws SelectorSyntaxException {
        StringBuilder selector = new StringBuilder("a = 0");
        for (int i = 1; i < 4_000; i++) {
            selector.append(" OR a = ").append(i);
        }
        Selector parsed = Selector.parse(selector.toString());
        assertThat(parsed.matches(name -> 3_999)).isTrue();
        assertThat(parsed.matches(name -> 4_000)).isFalse();
        assertThat(Selector.parse(parsed.toCanonicalText())).isEqualTo(parsed);
    }

    @Test
    void hugeInListsAreAHashLookup() throws SelectorSyntaxException {
        StringBuilder selector = new StringBuilder("a IN ('v0'");
        for (int i = 1; i < 5_000; i++) {
            selector.append(", 'v").append(i).append('\'');
        }
        Selector parsed = Selector.parse(selector.append(')').toString());
        for (int n = 0; n < 100_000; n++) {
            assertThat(parsed.matches(name -> "v4999")).isTrue();
        }
        assertThat(parsed.matches(name -> "v5000")).isFalse();
    }

    @Test
    void pathologicalLikePatternsMatchInPolynomialTime() throws SelectorSyntaxException {
        // A regular expression engine backtracks exponentially on this; ours is O(pattern x value).
        String pattern = "%a".repeat(1_000) + "%b";
        String value = "a".repeat(3_000);
        Selector parsed = Selector.parse("v LIKE '" + pattern + "'");
        Map<String, Object> message = Map.of("v", value);
        assertThat(parsed.matches(message::get)).isFalse();
        assertThat(parsed.matches(Map.<String, Object>of("v", value + "b")::get)).isTrue();
    }

    @Test
    void hugeLiteralsAndNamesAreFine() throws SelectorSyntaxException {
        String name = "p" + "x".repeat(30_000);
        Selector parsed = Selector.parse(name + " = " + "1".repeat(18));
        assertThat(parsed.matches(n -> n.equals(name) ? 111_111_111_111_111_111L : null)).isTrue();
        assertThatThrownBy(() -> Selector.parse("a = " + "9".repeat(30_000)))
                .hasMessageContaining("is outside the range of long")
                .hasMessageContaining("'" + "9".repeat(37) + "...'");
        assertThat(Selector.parse("a = 0." + "0".repeat(30_000) + "1e30000").matches(n -> 0.1)).isTrue();
    }
}
