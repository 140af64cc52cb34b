package dev.partita.protocol.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

/**
 * Properties over random trees, values and texts: printing round-trips, the spec's equivalences
 * hold, LIKE agrees with a regular-expression reference, numbers follow Java, and no input makes
 * the parser or evaluator throw anything but {@link SelectorSyntaxException}.
 */
class SelectorProperties {

    @Provide
    Arbitrary<Expression> conditions() {
        return SelectorArbitraries.conditions(3);
    }

    @Provide
    Arbitrary<Object> values() {
        return SelectorArbitraries.propertyValues();
    }

    @Property(tries = 500)
    void canonicalTextParsesBackToTheSameTree(@ForAll("conditions") Expression tree) throws SelectorSyntaxException {
        String text = tree.toSelectorText();
        Selector parsed = Selector.parse(text);
        assertThat(parsed.expression()).isEqualTo(tree);
        assertThat(parsed.toCanonicalText()).isEqualTo(text);
    }

    @Property(tries = 300)
    void evaluationNeverThrowsAndMatchesIsEvaluateTrue(@ForAll("conditions") Expression tree,
            @ForAll("values") Object a, @ForAll("values") Object b) throws SelectorSyntaxException {
        Selector selector = Selector.parse(tree.toSelectorText());
        SelectorContext context = name -> name.hashCode() % 2 == 0 ? a : b;
        Boolean result = selector.evaluate(context);
        assertThat(selector.matches(context)).isEqualTo(Boolean.TRUE.equals(result));
        if (tree instanceof Not not) {
            Boolean operand = Values.condition(not.operand().evaluate(context));
            assertThat(result).isEqualTo(operand == null ? null : !operand);
        }
    }

    @Property(tries = 500)
    void betweenIsTheSpecsConjunctionAndNotBetweenItsDisjunction(@ForAll("values") Object x,
            @ForAll("values") Object low, @ForAll("values") Object high) throws SelectorSyntaxException {
        Map<String, Object> message = new HashMap<>();
        message.put("x", x);
        message.put("lo", low);
        message.put("hi", high);
        assertThat(evaluate("x BETWEEN lo AND hi", message)).isEqualTo(evaluate("lo <= x AND x <= hi", message));
        assertThat(evaluate("x NOT BETWEEN lo AND hi", message)).isEqualTo(evaluate("x < lo OR x > hi", message));
    }

    @Property(tries = 300)
    void inIsADisjunctionOfEqualities(@ForAll("values") Object x) throws SelectorSyntaxException {
        Map<String, Object> message = new HashMap<>();
        message.put("x", x);
        assertThat(evaluate("x IN ('a', '', 'PERSISTENT')", message))
                .isEqualTo(evaluate("x = 'a' OR x = '' OR x = 'PERSISTENT'", message));
        assertThat(evaluate("x NOT IN ('a', '', 'PERSISTENT')", message))
                .isEqualTo(evaluate("NOT (x = 'a' OR x = '' OR x = 'PERSISTENT')", message));
    }

    @Property(tries = 1000)
    void likeAgreesWithARegularExpressionReference(
            @ForAll @StringLength(max = 6) @net.jqwik.api.constraints.Chars({'a', 'b', '_', '%'}) String pattern,
            @ForAll @StringLength(max = 8) @net.jqwik.api.constraints.Chars({'a', 'b', '_', '%'}) String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(switch (c) {
                case '_' -> ".";
                case '%' -> ".*";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        boolean expected = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
        assertThat(LikePattern.compile(pattern, null).matches(value)).isEqualTo(expected);
    }

    @Property(tries = 500)
    void integralArithmeticIsExactJavaArithmeticOrUnknown(@ForAll long x, @ForAll long y)
            throws SelectorSyntaxException {
        Map<String, Object> message = Map.of("x", x, "y", y, "z", (int) y);
        assertThat(arithmetic("x + y", message)).isEqualTo(exact(() -> Math.addExact(x, y)));
        assertThat(arithmetic("x - y", message)).isEqualTo(exact(() -> Math.subtractExact(x, y)));
        assertThat(arithmetic("x * y", message)).isEqualTo(exact(() -> Math.multiplyExact(x, y)));
        assertThat(arithmetic("x / y", message)).isEqualTo(
                y == 0 || (x == Long.MIN_VALUE && y == -1) ? null : x / y);
        assertThat(arithmetic("x * z", message)).isEqualTo(exact(() -> Math.multiplyExact(x, (long) (int) y)));
    }

    @Property(tries = 500)
    void comparisonsFollowJavaNumericPromotion(@ForAll("numbers") Number x, @ForAll("numbers") Number y)
            throws SelectorSyntaxException {
        Map<String, Object> message = Map.of("x", x, "y", y);
        boolean integral = Values.isIntegral(x) && Values.isIntegral(y);
        double dx = x.doubleValue();
        double dy = y.doubleValue();
        long lx = x.longValue();
        long ly = y.longValue();
        assertThat(evaluate("x < y", message)).isEqualTo(integral ? lx < ly : dx < dy);
        assertThat(evaluate("x = y", message)).isEqualTo(integral ? lx == ly : dx == dy);
        assertThat(evaluate("x <> y", message)).isEqualTo(integral ? lx != ly : dx != dy);
        assertThat(evaluate("x >= y", message)).isEqualTo(integral ? lx >= ly : dx >= dy);
    }

    @Provide
    Arbitrary<Number> numbers() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.integers(), Arbitraries.bytes(),
                Arbitraries.doubles(), Arbitraries.floats(), Arbitraries.of(Double.NaN, -0.0, 0L, Long.MAX_VALUE,
                        Float.POSITIVE_INFINITY));
    }

    @Property(tries = 2000)
    void anyTextParsesOrFailsWithASyntaxException(@ForAll("selectorish") String text) {
        try {
            Selector selector = Selector.parse(text);
            selector.matches(name -> name.length() % 3 == 0 ? 1L : name.length() % 3 == 1 ? "a" : null);
            if (!selector.isMatchAll()) {
                assertThat(Selector.parse(selector.toCanonicalText())).isEqualTo(selector);
            }
        } catch (SelectorSyntaxException e) {
            assertThat(e.column()).isBetween(1, text.length() + 1);
            assertThat(e.getMessage()).contains("column " + e.column());
        }
    }

    @Provide
    Arbitrary<String> selectorish() {
        Arbitrary<String> tokens = Arbitraries.of("a", "b", "JMSType", "'x'", "'it''s'", "'", "1", "-2", "0x1F",
                "1.5e3", "09", "TRUE", "false", "NULL", "NOT", "AND", "or", "BETWEEN", "IN", "LIKE", "ESCAPE", "IS",
                "(", ")", ",", "+", "-", "*", "/", "=", "<>", "<", ">=", "!", "%", " ", "\t", "\u00e9");
        return tokens.list().ofMaxSize(12).map(list -> String.join(" ", list));
    }

    @Property(tries = 300)
    void arbitraryCharactersNeverCrashTheLexer(@ForAll @StringLength(max = 30) String text,
            @ForAll @AlphaChars @StringLength(max = 3) String suffix) {
        for (String candidate : new String[] {text, "a = " + text, text + " = " + suffix, "'" + text}) {
            try {
                Selector.parse(candidate);
            } catch (SelectorSyntaxException expected) {
                assertThat(expected.column()).isBetween(1, candidate.length() + 1);
            }
        }
    }

    private static Boolean evaluate(String selector, Map<String, Object> message) throws SelectorSyntaxException {
        return Selector.parse(selector).evaluate(message::get);
    }

    /** The value of a numeric expression, read through a comparison with itself. */
    private static Object arithmetic(String expression, Map<String, Object> message) throws SelectorSyntaxException {
        Comparison comparison = (Comparison) Selector.parse(expression + " = 0").expression();
        return comparison.left().evaluate(message::get);
    }

    private static Long exact(java.util.function.LongSupplier operation) {
        try {
            return operation.getAsLong();
        } catch (ArithmeticException overflow) {
            return null;
        }
    }
}
