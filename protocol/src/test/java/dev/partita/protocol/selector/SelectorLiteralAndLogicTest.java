package dev.partita.protocol.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The values literals parse to, the canonical text, and the SQL three-valued truth tables of
 * {@code AND}, {@code OR} and {@code NOT} (Jakarta Messaging 3.1, section 3.8.1.1).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SelectorLiteralAndLogicTest {

    @ParameterizedTest(name = "{0} is {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            57                       | Long   | 57
            -957                     | Long   | -957
            +62                      | Long   | 62
            0                        | Long   | 0
            -0                       | Long   | 0
            057                      | Long   | 47
            0x2F                     | Long   | 47
            0X2f                     | Long   | 47
            0b101111                 | Long   | 47
            0B1                      | Long   | 1
            1_000_000                | Long   | 1000000
            0_7                      | Long   | 7
            0x7FFF_FFFF_FFFF_FFFFL   | Long   | 9223372036854775807
            0xFFFFFFFF               | Long   | 4294967295
            9223372036854775807      | Long   | 9223372036854775807
            -9223372036854775808     | Long   | -9223372036854775808
            10l                      | Long   | 10
            7E3                      | Double | 7000.0
            -57.9E2                  | Double | -5790.0
            7.                       | Double | 7.0
            -95.7                    | Double | -95.7
            +6.2                     | Double | 6.2
            .5                       | Double | 0.5
            1e-3                     | Double | 0.001
            1E+3                     | Double | 1000.0
            2d                       | Double | 2.0
            2D                       | Double | 2.0
            2f                       | Double | 2.0
            0.1f                     | Double | 0.10000000149011612
            1.5F                     | Double | 1.5
            09.5                     | Double | 9.5
            09e1                     | Double | 90.0
            0x1p4                    | Double | 16.0
            0x.8p1                   | Double | 1.0
            0x1.8P-1d                | Double | 0.75
            1_0.5_0                  | Double | 10.5
            1.7976931348623157E308   | Double | 1.7976931348623157E308
            4.9e-324                 | Double | 4.9E-324
            0.0e999                  | Double | 0.0
            -0.0                     | Double | -0.0
            """)
    void numericLiteralsFollowJavaSyntax(String literal, String type, String value) throws SelectorSyntaxException {
        Expression parsed = ((Comparison) Selector.parse("a = " + literal).expression()).right();
        Object actual = ((Literal) parsed).value();
        assertThat(actual.getClass().getSimpleName()).isEqualTo(type);
        assertThat(actual.toString()).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a = 'x'                                     | (a = 'x')
            a='it''s'                                   | (a = 'it''s')
            a = ''                                      | (a = '')
            a > 0x10 and b < 1e1                        | ((a > 16) AND (b < 10.0))
            a = -5                                      | (a = -5)
            a - -5 = 0                                  | ((a - -5) = 0)
            - a = 1                                     | (-(a) = 1)
            +a = 1                                      | (+(a) = 1)
            -(5) = a                                    | (-(5) = a)
            not not a                                   | (NOT (NOT a))
            a or b or c and d                           | (a OR b OR (c AND d))
            (a or b) or c                               | ((a OR b) OR c)
            ((a))                                       | a
            true                                        | TRUE
            a between 1 and 2                           | (a BETWEEN 1 AND 2)
            a not between -1 and b + 1                  | (a NOT BETWEEN -1 AND (b + 1))
            a in ('x', 'y', 'x')                        | (a IN ('x', 'y'))
            a not in ('it''s')                          | (a NOT IN ('it''s'))
            a like 'x%' escape '!'                      | (a LIKE 'x%' ESCAPE '!')
            a not like '_'                              | (a NOT LIKE '_')
            a is null or b is not null                  | ((a IS NULL) OR (b IS NOT NULL))
            1 + 2 * 3 - 4 / 5 = x                       | (((1 + (2 * 3)) - (4 / 5)) = x)
            """)
    void printsCanonicalTextThatParsesBackToTheSameTree(String selector, String canonical)
            throws SelectorSyntaxException {
        Selector parsed = Selector.parse(selector);
        assertThat(parsed.toCanonicalText()).isEqualTo(canonical);
        Selector reparsed = Selector.parse(canonical);
        assertThat(reparsed.expression()).isEqualTo(parsed.expression());
        assertThat(reparsed).isEqualTo(parsed).hasSameHashCodeAs(parsed);
        assertThat(parsed.text()).isEqualTo(selector);
    }

    @Test
    void selectorsDifferingInSpellingOnlyAreEqual() throws SelectorSyntaxException {
        assertThat(Selector.parse("a = 16 AND b IS NULL"))
                .isEqualTo(Selector.parse("((a=0x10))and(b is NULL)"))
                .isNotEqualTo(Selector.parse("a = 16 OR b IS NULL"));
        assertThat(Selector.parse("a = 1")).isNotEqualTo(Selector.parse("a = 1.0"));
    }

    /** A message where {@code t} is TRUE, {@code f} FALSE and {@code u} unknown (missing). */
    private static final Map<String, Object> TRUTH = new HashMap<>(Map.of("t", true, "f", false));

    private static final Map<String, Boolean> OPERANDS = new LinkedHashMap<>();

    static {
        OPERANDS.put("t", Boolean.TRUE);
        OPERANDS.put("f", Boolean.FALSE);
        OPERANDS.put("u", null);
    }

    @Test
    void andOrNotFollowTheSqlTruthTables() throws SelectorSyntaxException {
        for (Map.Entry<String, Boolean> left : OPERANDS.entrySet()) {
            assertThat(evaluate("NOT " + left.getKey())).as("NOT %s", left.getKey())
                    .isEqualTo(left.getValue() == null ? null : !left.getValue());
            for (Map.Entry<String, Boolean> right : OPERANDS.entrySet()) {
                Boolean l = left.getValue();
                Boolean r = right.getValue();
                String pair = left.getKey() + " %s " + right.getKey();
                assertThat(evaluate(pair.formatted("AND"))).as(pair, "AND").isEqualTo(expectedAnd(l, r));
                assertThat(evaluate(pair.formatted("OR"))).as(pair, "OR").isEqualTo(expectedOr(l, r));
            }
        }
    }

    /** The table of section 3.8.1.1, written out rather than computed the way the code does. */
    private static Boolean expectedAnd(Boolean l, Boolean r) {
        if (l == null) {
            return Boolean.FALSE.equals(r) ? false : null;
        }
        if (!l) {
            return false;
        }
        return r;
    }

    private static Boolean expectedOr(Boolean l, Boolean r) {
        if (l == null) {
            return Boolean.TRUE.equals(r) ? true : null;
        }
        if (l) {
            return true;
        }
        return r;
    }

    @Test
    void spotChecksOfTheTruthTables() throws SelectorSyntaxException {
        assertThat(evaluate("u AND f")).isFalse();
        assertThat(evaluate("u AND t")).isNull();
        assertThat(evaluate("u OR t")).isTrue();
        assertThat(evaluate("u OR f")).isNull();
        assertThat(evaluate("NOT u")).isNull();
        assertThat(evaluate("t AND t AND u OR t")).isTrue();
        assertThat(evaluate("(u OR f) AND t")).isNull();
        assertThat(evaluate("NOT (u AND f)")).isTrue();
    }

    private static Boolean evaluate(String selector) throws SelectorSyntaxException {
        return Selector.parse(selector).evaluate(TRUTH::get);
    }
}
