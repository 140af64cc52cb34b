package dev.partita.protocol.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Invalid selectors of every kind: each is rejected at parse time with a message that names the
 * problem and the column where it starts.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SelectorSyntaxTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # structure
            a = 1 AND AND b = 2         | unexpected token 'AND' at column 11: expected an expression              | 11
            a = 1 AND                   | unexpected end of selector at column 10: expected an expression          | 10
            a =                         | unexpected end of selector at column 4: expected an expression           | 4
            = 1                         | unexpected token '=' at column 1: expected an expression                 | 1
            a = 1 b = 2                 | unexpected token 'b' at column 7: expected an operator or the end        | 7
            a = b = c                   | unexpected token '=' at column 7: expected an operator or the end        | 7
            (a = 1                      | unexpected end of selector at column 7: expected ')' to close '(' at column 1 | 7
            a = 1)                      | unexpected token ')' at column 6                                         | 6
            ()                          | unexpected token ')' at column 2: expected an expression                 | 2
            a NOT = 1                   | unexpected token '=' at column 7: expected BETWEEN, IN or LIKE after NOT | 7
            a IS 1                      | unexpected token '1' at column 6: expected NULL after IS                 | 6
            a IS NOT b                  | unexpected token 'b' at column 10: expected NULL after IS NOT            | 10
            a BETWEEN 1 OR 2            | unexpected token 'OR' at column 13: expected AND between the bounds of BETWEEN at column 3 | 13
            a BETWEEN 1                 | unexpected end of selector at column 12: expected AND between the bounds | 12
            # reserved words and NULL
            like = 1                    | unexpected token 'like' at column 1: expected an expression ('like' is a reserved word | 1
            a = in                      | unexpected token 'in' at column 5: expected an expression ('in' is a reserved word | 5
            escape IS NULL              | 'escape' is a reserved word                                              | 1
            a = NULL                    | NULL at column 5 is not a value: test for it with 'IS NULL' or 'IS NOT NULL' | 5
            NULL IS NULL                | NULL at column 1 is not a value                                          | 1
            # lexical errors
            a = 'abc                    | unterminated string literal starting at column 5                         | 5
            a = 'it''s                  | unterminated string literal starting at column 5                         | 5
            a != 1                      | invalid character '!' at column 3 (use '<>' for not equal)               | 3
            a = "x"                     | invalid character '\"' at column 5 (string literals use single quotes)  | 5
            a = 1 && b = 2              | invalid character '&' at column 7 (use AND, OR)                          | 7
            a = 1 # comment             | invalid character '#' at column 7                                        | 7
            a = 1;                      | invalid character ';' at column 6                                        | 6
            a = [1]                     | invalid character '[' at column 5                                        | 5
            a == 1                      | unexpected token '=' at column 4: expected an expression                 | 4
            # numeric literals
            a = 99999999999999999999    | exact numeric literal '99999999999999999999' at column 5 is outside the range of long | 5
            a = 9223372036854775808     | exact numeric literal '9223372036854775808' at column 5 is outside the range of long | 5
            a = -9223372036854775809    | exact numeric literal '-9223372036854775809' at column 6 is outside the range of long | 6
            a = 0x1FFFFFFFFFFFFFFFF     | is outside the range of long                                             | 5
            a = 1e999                   | approximate numeric literal '1e999' at column 5 is outside the range of double | 5
            a = 1e-999                  | approximate numeric literal '1e-999' at column 5 is outside the range of double | 5
            a = 1e39f                   | approximate numeric literal '1e39f' at column 5 is outside the range of float | 5
            a = 09                      | malformed numeric literal '09' at column 5: octal literals use digits 0-7 | 5
            a = 0x                      | malformed numeric literal '0x' at column 5: hexadecimal digits expected  | 5
            a = 0b                      | malformed numeric literal '0b' at column 5: binary digits expected       | 5
            a = 0b102                   | malformed numeric literal '0b102' at column 5                            | 5
            a = 1e                      | malformed numeric literal '1e' at column 5: exponent digits expected     | 5
            a = 1e+                     | malformed numeric literal '1e+' at column 5: exponent digits expected    | 5
            a = 1_                      | malformed numeric literal '1_' at column 5: '_' is only allowed between digits | 5
            a = 0x_1                    | '_' is only allowed between digits                                      | 5
            a = 1._5                    | '_' is only allowed between digits                                      | 5
            a = 0x1.8                   | a hexadecimal floating-point literal needs a 'p' exponent               | 5
            a = 1.5L                    | malformed numeric literal '1.5L' at column 5                             | 5
            a = 12abc                   | malformed numeric literal '12abc' at column 5                            | 5
            a = 1.2.3                   | malformed numeric literal '1.2.3' at column 5                            | 5
            # types known at parse time
            a + 1                       | the selector starting at column 1 is not a condition: its value is numeric | 1
            'abc'                       | is not a condition: its value is a string                                | 1
            5                           | is not a condition: its value is numeric                                 | 1
            JMSPriority                 | is not a condition: its value is numeric                                 | 1
            (a + 1)                     | is not a condition                                                       | 1
            a AND 1                     | 'AND' at column 3 needs boolean operands, but one is numeric             | 3
            'x' OR a                    | 'OR' at column 5 needs boolean operands, but one is a string             | 5
            a OR b + 1 AND c            | 'AND' at column 12 needs boolean operands, but one is numeric           | 12
            NOT 5                       | 'NOT' at column 1 needs boolean operand, but one is numeric              | 1
            NOT JMSType                 | 'NOT' at column 1 needs boolean operand, but one is a string            | 1
            a + 'x' = 1                 | '+' at column 3 needs numeric operands, but its right operand is a string | 3
            TRUE * 2 = 2                | '*' at column 6 needs numeric operands, but its left operand is boolean   | 6
            -'x' = 1                    | '-' at column 1 needs numeric operands, but its operand is a string      | 1
            +(a = 1) = 1                | '+' at column 1 needs numeric operands, but its operand is boolean       | 1
            (a > 1) + 1 = 2             | '+' at column 9 needs numeric operands, but its left operand is boolean  | 9
            a > 'x'                     | '>' at column 3 cannot compare strings: strings and booleans are only compared with '=' and '<>' | 3
            'x' <= a                    | '<=' at column 5 cannot compare strings                                  | 5
            a < TRUE                    | '<' at column 3 cannot compare booleans                                  | 3
            JMSType >= 'a'              | '>=' at column 9 cannot compare strings                                  | 9
            a BETWEEN 'a' AND 'z'       | 'BETWEEN' at column 3 needs numeric operands, but its lower bound is a string | 3
            a BETWEEN 1 AND TRUE        | 'BETWEEN' at column 3 needs numeric operands, but its upper bound is boolean | 3
            'a' BETWEEN 1 AND 2         | 'BETWEEN' at column 5 needs numeric operands, but its tested value is a string | 5
            # IN, LIKE, IS NULL shapes
            a IN (1, 2)                 | unexpected token '1' at column 7: expected a string literal (IN lists only hold string literals) | 7
            a IN ()                     | unexpected token ')' at column 7: expected a string literal              | 7
            a IN 'x'                    | unexpected string literal 'x' at column 6: expected '(' to open the list of IN at column 3 | 6
            a IN ('x' 'y')              | unexpected string literal 'y' at column 11: expected ',' or ')' to close the list of IN | 11
            a IN ('x',)                 | unexpected token ')' at column 11: expected a string literal             | 11
            a IN (b)                    | unexpected token 'b' at column 7: expected a string literal              | 7
            'x' IN ('x')                | IN at column 5 must follow an identifier (a header field or property name) | 5
            a + 1 NOT IN ('x')          | IN at column 11 must follow an identifier                                | 11
            a LIKE b                    | unexpected token 'b' at column 8: expected a string literal as the pattern of LIKE at column 3 | 8
            a LIKE 5                    | expected a string literal as the pattern of LIKE                         | 8
            'abc' LIKE 'a%'             | LIKE at column 7 must follow an identifier                               | 7
            a LIKE 'x' ESCAPE           | unexpected end of selector at column 18: expected a string literal after ESCAPE | 18
            a LIKE 'x' ESCAPE '!!'      | the escape character at column 19 must be a string literal of exactly one character, not '!!' | 19
            a LIKE 'x' ESCAPE ''        | the escape character at column 19 must be a string literal of exactly one character, not '' | 19
            a LIKE 'ab!' ESCAPE '!'     | invalid LIKE pattern at column 8: the pattern ends with the escape character | 8
            a LIKE '!a' ESCAPE '!'      | invalid LIKE pattern at column 8: the escape character must be followed by '_', '%' or itself, not 'a' | 8
            a ESCAPE '!'                | unexpected token 'ESCAPE' at column 3: expected an operator or the end  | 3
            1 IS NULL                   | IS NULL at column 3 must follow an identifier                            | 3
            (a = 1) IS NULL             | IS NULL at column 9 must follow an identifier                            | 9
            """)
    void rejectsWithAPreciseMessage(String selector, String messageFragment, int column) {
        SelectorSyntaxException e = catchThrowableOfType(SelectorSyntaxException.class,
                () -> Selector.parse(selector));
        assertThat(e).as("selector %s", selector).isNotNull();
        assertThat(e.getMessage()).contains(messageFragment);
        assertThat(e.column()).isEqualTo(column);
    }
}
