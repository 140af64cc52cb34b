package dev.partita.protocol.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Valid selectors against {@link TestMessages#standard()}, with their three-valued result, one row
 * per rule of Jakarta Messaging 3.1, section 3.8.1.1.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SelectorEvaluationTest {

    private static final Map<String, Object> MESSAGE = TestMessages.standard();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # string literals and equality
            str = 'abc'                                   | TRUE
            str = 'ABC'                                   | FALSE
            str <> 'abc'                                  | FALSE
            quote = 'it''s'                               | TRUE
            empty = ''                                    | TRUE
            'abc' = str                                   | TRUE
            uni = '\uD83D\uDE00x'                         | TRUE
            # identifiers: case-sensitive, Java identifier characters
            caseName = 'lower'                            | TRUE
            CASENAME = 'upper'                            | TRUE
            casename IS NULL                              | TRUE
            $dollar = 1                                   | TRUE
            _under_ = 2                                   | TRUE
            # reserved words in any case
            str = 'abc' and i = 5                         | TRUE
            str = 'abc' AnD NoT i = 6                     | TRUE
            i between 1 AND 9                             | TRUE
            str iN ('abc')                                | TRUE
            str LiKe 'a%'                                 | TRUE
            missing is null                               | TRUE
            missing IS not NULL                           | FALSE
            t = true                                      | TRUE
            fl = False                                    | TRUE
            # exact and approximate numbers, promotion
            i = 5                                         | TRUE
            i = 5.0                                       | TRUE
            i = 5L                                        | TRUE
            l = 10                                        | TRUE
            by = 3                                        | TRUE
            sh = 7                                        | TRUE
            f = 2.5                                       | TRUE
            d = 2.5                                       | TRUE
            f = d                                         | TRUE
            i > 4.5                                       | TRUE
            i >= 5                                        | TRUE
            i < 5                                         | FALSE
            i <= 5                                        | TRUE
            i <> 5                                        | FALSE
            tenth = 0.1                                   | TRUE
            tenth = 0.1f                                  | FALSE
            i = 0x5                                       | TRUE
            i = 05                                        | TRUE
            i = 0b101                                     | TRUE
            l = 1_0                                       | TRUE
            l = 1e1                                       | TRUE
            l = 100E-1                                    | TRUE
            l = 10d                                       | TRUE
            l = 10.                                       | TRUE
            d = .25e1                                     | TRUE
            d = 0x1.4p1                                   | TRUE
            d = +2.5                                      | TRUE
            big = 9223372036854775807                     | TRUE
            min = -9223372036854775808                    | TRUE
            min = -0x8000000000000000                     | TRUE
            min < -9223372036854775807                    | TRUE
            big = 0x7fffffffffffffffL                     | TRUE
            -1 = 0xFFFFFFFFFFFFFFFF                       | TRUE
            -i = -5                                       | TRUE
            - - i = 5                                     | TRUE
            +i = 5                                        | TRUE
            # arithmetic: precedence, left to right, integral division
            1 + 2 * 3 = 7                                 | TRUE
            (1 + 2) * 3 = 9                               | TRUE
            10 - 4 - 3 = 3                                | TRUE
            100 / 10 / 5 = 2                              | TRUE
            7 / 2 = 3                                     | TRUE
            -7 / 2 = -3                                   | TRUE
            7 / 2.0 = 3.5                                 | TRUE
            i * 2 = 10                                    | TRUE
            i + f = 7.5                                   | TRUE
            -i * -2 = 10                                  | TRUE
            intMax + 1 = 2147483648                       | TRUE
            intMax * intMax > 0                           | TRUE
            # overflow and division by zero
            big + 1 > 0                                   | UNKNOWN
            big + 1 < 0                                   | UNKNOWN
            min - 1 < 0                                   | UNKNOWN
            big * 2 > 0                                   | UNKNOWN
            min / -1 > 0                                  | UNKNOWN
            -min > 0                                      | UNKNOWN
            big + 1.0 > 0                                 | TRUE
            i / 0 = 0                                     | UNKNOWN
            i / zero = 0                                  | UNKNOWN
            NOT (i / 0 = 0)                               | UNKNOWN
            i / 0.0 > 1e308                               | TRUE
            -i / dzero < -1e308                           | TRUE
            zero / 0.0 = zero / 0.0                       | FALSE
            nan = nan                                     | FALSE
            nan <> nan                                    | TRUE
            nan < 1                                       | FALSE
            # type mismatches are false, NULL is unknown
            str = 5                                       | FALSE
            str <> 5                                      | FALSE
            NOT (str = 5)                                 | TRUE
            i = '5'                                       | FALSE
            i <> '5'                                      | FALSE
            t = 1                                         | FALSE
            t = 'true'                                    | FALSE
            'abc' = 1                                     | FALSE
            TRUE = 1                                      | FALSE
            str < i                                       | FALSE
            str > i                                       | FALSE
            str < str                                     | FALSE
            t < fl                                        | FALSE
            str + 1 = 2                                   | UNKNOWN
            t * 2 = 2                                     | UNKNOWN
            -str = 1                                      | UNKNOWN
            +str = 1                                      | UNKNOWN
            missing = 1                                   | UNKNOWN
            missing <> 1                                  | UNKNOWN
            missing = missing                             | UNKNOWN
            missing + 1 = 1                               | UNKNOWN
            1 = missing                                   | UNKNOWN
            obj = 1                                       | UNKNOWN
            obj IS NULL                                   | TRUE
            chars IS NOT NULL                             | FALSE
            # booleans
            t                                             | TRUE
            fl                                            | FALSE
            missing                                       | UNKNOWN
            str                                           | UNKNOWN
            i                                             | UNKNOWN
            NOT t                                         | FALSE
            NOT fl                                        | TRUE
            NOT str                                       | UNKNOWN
            t = TRUE                                      | TRUE
            t <> FALSE                                    | TRUE
            t = fl                                        | FALSE
            (i > 1) = TRUE                                | TRUE
            (i > 1) = (l > 1)                             | TRUE
            (missing > 1) = TRUE                          | UNKNOWN
            TRUE                                          | TRUE
            FALSE                                         | FALSE
            # precedence of NOT, AND, OR
            t OR fl AND fl                                | TRUE
            (t OR fl) AND fl                              | FALSE
            NOT fl AND fl                                 | FALSE
            NOT (fl AND fl)                               | TRUE
            NOT NOT t                                     | TRUE
            fl OR fl OR fl OR t                           | TRUE
            t AND t AND t AND fl                          | FALSE
            fl OR missing                                 | UNKNOWN
            t AND missing                                 | UNKNOWN
            fl AND missing                                | FALSE
            t OR missing                                  | TRUE
            missing OR t                                  | TRUE
            missing AND fl                                | FALSE
            # BETWEEN
            i BETWEEN 5 AND 5                             | TRUE
            i BETWEEN 1 AND 4                             | FALSE
            i BETWEEN 6 AND 1                             | FALSE
            i NOT BETWEEN 1 AND 4                         | TRUE
            i NOT BETWEEN 5 AND 9                         | FALSE
            f BETWEEN 2 AND 3                             | TRUE
            i BETWEEN 1 + 1 AND 2 * 3                     | TRUE
            i BETWEEN -10 AND -1                          | FALSE
            i + 1 BETWEEN 6 AND 6                         | TRUE
            i BETWEEN 1 AND 9 AND str = 'abc'             | TRUE
            missing BETWEEN 1 AND 9                       | UNKNOWN
            missing NOT BETWEEN 1 AND 9                   | UNKNOWN
            i BETWEEN missing AND 9                       | UNKNOWN
            i BETWEEN missing AND 4                       | FALSE
            i NOT BETWEEN missing AND 4                   | TRUE
            i NOT BETWEEN missing AND 9                   | UNKNOWN
            str BETWEEN 1 AND 9                           | FALSE
            str NOT BETWEEN 1 AND 9                       | FALSE
            # IN
            str IN ('x', 'abc', 'y')                      | TRUE
            str IN ('x', 'y')                             | FALSE
            str NOT IN ('x', 'y')                         | TRUE
            str NOT IN ('abc')                            | FALSE
            quote IN ('it''s')                            | TRUE
            missing IN ('a')                              | UNKNOWN
            missing NOT IN ('a')                          | UNKNOWN
            i IN ('5')                                    | FALSE
            i NOT IN ('5')                                | TRUE
            JMSType IN ('order', 'invoice')               | TRUE
            # LIKE
            str LIKE 'abc'                                | TRUE
            str LIKE 'ab'                                 | FALSE
            str LIKE 'a%'                                 | TRUE
            str LIKE '%c'                                 | TRUE
            str LIKE '%b%'                                | TRUE
            str LIKE '%'                                  | TRUE
            empty LIKE '%'                                | TRUE
            empty LIKE '_'                                | FALSE
            str LIKE 'a_c'                                | TRUE
            str LIKE '___'                                | TRUE
            str LIKE '____'                               | FALSE
            str LIKE '_%_%_'                              | TRUE
            str LIKE 'A%'                                 | FALSE
            str NOT LIKE 'a%'                             | FALSE
            str NOT LIKE 'x%'                             | TRUE
            under LIKE 'a\\_c' ESCAPE '\\'                | TRUE
            str LIKE 'a\\_c' ESCAPE '\\'                  | FALSE
            pct LIKE '100!%' ESCAPE '!'                   | TRUE
            pct LIKE '100!%' escape '!'                   | TRUE
            pct LIKE '%!%' ESCAPE '!'                     | TRUE
            str LIKE '%!%' ESCAPE '!'                     | FALSE
            quote LIKE 'it''_'                            | TRUE
            quote LIKE '%''%'                             | TRUE
            pct LIKE '100%%'                              | TRUE
            uni LIKE '_x'                                 | TRUE
            uni LIKE '__x'                                | FALSE
            missing LIKE 'a%'                             | UNKNOWN
            missing NOT LIKE 'a%'                         | UNKNOWN
            i LIKE '5'                                    | FALSE
            i NOT LIKE '5'                                | TRUE
            # IS NULL
            missing IS NULL                               | TRUE
            str IS NULL                                   | FALSE
            str IS NOT NULL                               | TRUE
            NOT missing IS NULL                           | FALSE
            # header fields (section 3.8.1.1: only these six are selectable)
            JMSPriority = 4                               | TRUE
            JMSPriority > 3 AND JMSPriority < 5           | TRUE
            JMSDeliveryMode = 'PERSISTENT'                | TRUE
            JMSDeliveryMode = 'NON_PERSISTENT'            | FALSE
            JMSDeliveryMode = 2                           | FALSE
            JMSMessageID = 'ID:42'                        | TRUE
            JMSMessageID LIKE 'ID:%'                      | TRUE
            JMSTimestamp > 0                              | TRUE
            JMSCorrelationID IS NULL                      | TRUE
            JMSCorrelationID = 'x'                        | UNKNOWN
            JMSType = 'order'                             | TRUE
            JMSDestination IS NULL                        | TRUE
            JMSDestination = 'queue://orders'             | UNKNOWN
            JMSExpiration IS NULL                         | TRUE
            JMSRedelivered IS NULL                        | TRUE
            JMSReplyTo IS NULL                            | TRUE
            JMSDeliveryTime IS NULL                       | TRUE
            JMSXDeliveryCount = 2                         | TRUE
            JMS_vendor = 'x'                              | TRUE
            jmsDestination IS NULL                        | TRUE
            # whitespace: space, tab, form feed, line terminators; none needed around operators
            "str='abc'AND(i=5)"                           | TRUE
            "\\tstr\\f=\\r\\n'abc'\\n"                     | TRUE
            """)
    void evaluatesAsTheSpecSays(String selector, String expected) throws SelectorSyntaxException {
        String unescaped = selector.replace("\\t", "\t").replace("\\f", "\f").replace("\\r", "\r")
                .replace("\\n", "\n");
        assertThat(TestMessages.evaluate(unescaped, MESSAGE)).isEqualTo(expected);
        assertThat(Selector.parse(unescaped).matches(MESSAGE::get)).isEqualTo(expected.equals("TRUE"));
    }

    @Test
    void deliveryModeAcceptsTheIntConstantsAndStrings() throws SelectorSyntaxException {
        Selector persistent = Selector.parse("JMSDeliveryMode = 'PERSISTENT'");
        Selector nonPersistent = Selector.parse("JMSDeliveryMode = 'NON_PERSISTENT'");
        assertThat(persistent.matches(name -> 2)).isTrue();
        assertThat(nonPersistent.matches(name -> 1)).isTrue();
        assertThat(persistent.matches(name -> "PERSISTENT")).isTrue();
        assertThat(persistent.matches(name -> 1)).isFalse();
        assertThat(Selector.parse("JMSDeliveryMode IS NULL").matches(name -> 3)).isTrue();
    }

    @Test
    void selectorsDoNotAskForHeadersTheyCannotReference() throws SelectorSyntaxException {
        Map<String, Integer> asked = new HashMap<>();
        SelectorContext context = name -> {
            asked.merge(name, 1, Integer::sum);
            return "x";
        };
        Selector.parse("JMSDestination IS NULL AND JMSReplyTo IS NULL AND JMSExpiration IS NULL"
                + " AND JMSRedelivered IS NULL AND JMSDeliveryTime IS NULL AND p = 'x'").matches(context);
        assertThat(asked).containsOnlyKeys("p");
    }

    @Test
    void nullEmptyAndBlankSelectorsMatchEverything() throws SelectorSyntaxException {
        for (String selector : new String[] {null, "", "   ", " \t\r\n\f"}) {
            Selector parsed = Selector.parse(selector);
            assertThat(parsed.isMatchAll()).isTrue();
            assertThat(parsed.matches(name -> null)).isTrue();
            assertThat(parsed.identifiers()).isEmpty();
            assertThat(parsed).isSameAs(Selector.matchAll());
        }
    }

    @Test
    void unknownAndFalseBothRejectTheMessage() throws SelectorSyntaxException {
        Selector selector = Selector.parse("p > 1");
        assertThat(selector.matches(name -> 2)).isTrue();
        assertThat(selector.matches(name -> 1)).isFalse();
        assertThat(selector.matches(name -> null)).isFalse();
        assertThat(selector.matches(name -> "text")).isFalse();
    }

    @Test
    void reportsReferencedNamesInOrderOfFirstUse() throws SelectorSyntaxException {
        Selector selector = Selector.parse(
                "(b = 1 OR JMSXDeliveryCount > 2) AND a LIKE 'x%' AND b IS NULL AND JMSPriority + c > 0");
        assertThat(selector.identifiers()).containsExactly("b", "JMSXDeliveryCount", "a", "JMSPriority", "c");
    }

    @Test
    void theSameSelectorIsSafeToShareBetweenThreads() throws Exception {
        Selector selector = Selector.parse("str LIKE '%b%' AND i BETWEEN 1 AND 9 AND JMSType IN ('order')");
        Thread[] threads = new Thread[4];
        boolean[] allMatched = new boolean[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int index = t;
            threads[t] = new Thread(() -> {
                boolean ok = true;
                for (int n = 0; n < 10_000; n++) {
                    ok &= selector.matches(MESSAGE::get);
                }
                allMatched[index] = ok;
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(20));
        }
        assertThat(allMatched).containsOnly(true);
    }
}
