package dev.partita.protocol.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code LIKE} matcher on its own: wildcards, escapes, supplementary characters. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LikePatternTest {

    @ParameterizedTest(name = "''{1}'' LIKE ''{0}'' is {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', emptyValue = "", textBlock = """
            12%3      | 123     | true
            12%3      | 12993   | true
            12%3      | 1234    | false
            l_se      | lose    | true
            l_se      | loose   | false
            %         | ""      | true
            %%        | ""      | true
            _         | ""      | false
            ""        | ""      | true
            ""        | a       | false
            %a        | bbba    | true
            %a        | bbab    | false
            a%a%a     | aaa     | true
            a%a%a     | aa      | false
            %ab%ab%   | xabyabz | true
            %ab%ab%   | xabz    | false
            %aab      | aaab    | true
            _%_       | ab      | true
            _%_       | a       | false
            a.c       | abc     | false
            a*c       | abbc    | false
            [a]       | [a]     | true
            """)
    void matchesWholeValues(String pattern, String value, boolean expected) {
        assertThat(LikePattern.compile(pattern, null).matches(value)).isEqualTo(expected);
    }

    @Test
    void escapeMakesWildcardsAndItselfLiteral() {
        LikePattern underscore = LikePattern.compile("a\\_c", (int) '\\');
        assertThat(underscore.matches("a_c")).isTrue();
        assertThat(underscore.matches("abc")).isFalse();
        LikePattern percent = LikePattern.compile("%!%%", (int) '!');
        assertThat(percent.matches("50% off")).isTrue();
        assertThat(percent.matches("50 off")).isFalse();
        LikePattern itself = LikePattern.compile("a!!b", (int) '!');
        assertThat(itself.matches("a!b")).isTrue();
        assertThat(itself.matches("a!!b")).isFalse();
        // A wildcard character can be the escape character: then it is no longer a wildcard.
        LikePattern percentEscape = LikePattern.compile("a%%b", (int) '%');
        assertThat(percentEscape.matches("a%b")).isTrue();
        assertThat(percentEscape.matches("axb")).isFalse();
    }

    @Test
    void misusedEscapesAreRejected() {
        assertThatThrownBy(() -> LikePattern.compile("a!", (int) '!'))
                .hasMessage("the pattern ends with the escape character");
        assertThatThrownBy(() -> LikePattern.compile("!x", (int) '!'))
                .hasMessage("the escape character must be followed by '_', '%' or itself, not 'x'");
    }

    @Test
    void underscoreMatchesOneCodePoint() {
        String grinning = new String(Character.toChars(0x1F600));
        assertThat(LikePattern.compile("a_b", null).matches("a" + grinning + "b")).isTrue();
        assertThat(LikePattern.compile("a__b", null).matches("a" + grinning + "b")).isFalse();
        assertThat(LikePattern.compile("%" + grinning, null).matches("xx" + grinning)).isTrue();
        // Backtracking after '%' steps over whole code points, never into the middle of a pair.
        assertThat(LikePattern.compile("%\uDE00", null).matches(grinning)).isFalse();
        assertThat(LikePattern.compile("%_\uDE00", null).matches("a" + grinning)).isFalse();
        LikePattern escapedBySupplementary = LikePattern.compile(grinning + "%", 0x1F600);
        assertThat(escapedBySupplementary.matches("%")).isTrue();
        assertThat(escapedBySupplementary.matches("x")).isFalse();
    }

    @Test
    void equalWhenPatternAndEscapeAreEqual() {
        assertThat(LikePattern.compile("a%", null)).isEqualTo(LikePattern.compile("a%", null))
                .hasSameHashCodeAs(LikePattern.compile("a%", null))
                .isNotEqualTo(LikePattern.compile("a%", (int) '!'))
                .isNotEqualTo(LikePattern.compile("a%%", null));
        assertThat(LikePattern.compile("a!%", (int) '!')).hasToString("'a!%' ESCAPE '!'");
    }
}
