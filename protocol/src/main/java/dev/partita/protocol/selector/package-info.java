/**
 * The JMS message selector language of Jakarta Messaging 3.1, section 3.8 ("Message selection"),
 * in full: a hand-written {@code Lexer} and recursive-descent {@code Parser} turn a selector into
 * an immutable tree of {@link dev.partita.protocol.selector.Expression} nodes held by a
 * {@link dev.partita.protocol.selector.Selector}; {@link dev.partita.protocol.selector.Selector#matches}
 * evaluates it against a {@link dev.partita.protocol.selector.SelectorContext} that reads one
 * message's headers and properties. It lives in {@code protocol} because the broker evaluates
 * selectors; the package has no dependency on {@code jakarta.jms}: invalid selectors raise
 * {@link dev.partita.protocol.selector.SelectorSyntaxException} (message with the column, and
 * {@code column()}), which the JMS provider maps to {@code InvalidSelectorException}.
 *
 * <h2>What is accepted (section 3.8.1.1)</h2>
 * <ul>
 *   <li>A null, empty or blank selector selects every message.</li>
 *   <li>Reserved words {@code NOT AND OR BETWEEN LIKE IN IS ESCAPE NULL TRUE FALSE} in any case;
 *       they cannot be identifiers. Whitespace is Java's: space, tab, form feed, CR, LF.</li>
 *   <li>String literals in single quotes, {@code ''} for a quote. Exact numeric literals in Java
 *       integer literal syntax (decimal, {@code 0x} hex, leading-0 octal, {@code 0b} binary,
 *       underscores between digits, optional {@code L}), all read as {@code long};
 *       {@code -9223372036854775808} works because a sign right before a literal belongs to it.
 *       Approximate numeric literals in Java floating-point syntax ({@code 7.}, {@code .5},
 *       {@code -57.9E2}, {@code 1e3}, {@code 2d}, {@code 1.5f}, hex {@code 0x1.8p1}), as
 *       {@code double} ({@code F} literals rounded to float first); out-of-range literals are
 *       rejected as the Java compiler rejects them. {@code TRUE} and {@code FALSE}.</li>
 *   <li>Identifiers by Java identifier rules, case-sensitive. Header field references are limited
 *       to {@code JMSDeliveryMode}, {@code JMSPriority}, {@code JMSMessageID}, {@code JMSTimestamp},
 *       {@code JMSCorrelationID}, {@code JMSType}; {@code JMSDeliveryMode} compares as
 *       {@code 'PERSISTENT'}/{@code 'NON_PERSISTENT'}. {@code JMSX*} and {@code JMS_*} names are
 *       properties; any other {@code JMS*} name ({@code JMSDestination}, {@code JMSExpiration},
 *       {@code JMSRedelivered}, {@code JMSReplyTo}, {@code JMSDeliveryTime}...) is neither a
 *       selectable header nor a possible property name, so it is accepted and always NULL (see
 *       {@link dev.partita.protocol.selector.Identifier}).</li>
 *   <li>Precedence, high to low: unary {@code + -}; {@code * /}; {@code + -}; comparisons,
 *       {@code [NOT] BETWEEN}, {@code [NOT] IN}, {@code [NOT] LIKE}, {@code IS [NOT] NULL};
 *       {@code NOT}; {@code AND}; {@code OR}. Left to right within a level; parentheses.</li>
 *   <li>{@code IN} takes a non-empty list of string literals; {@code LIKE} a string literal pattern
 *       with {@code _}, {@code %} and an optional one-character {@code ESCAPE}; {@code IN},
 *       {@code LIKE} and {@code IS NULL} apply to an identifier, as the spec's grammar says.
 *       {@code NULL} is not a value: {@code a = NULL} is rejected with a hint to use
 *       {@code IS NULL}.</li>
 * </ul>
 *
 * <h2>Rejected at parse time (where the type is evident before any message)</h2>
 * A selector whose value is not a condition ({@code a + 1}, {@code 'x'}); {@code AND}, {@code OR},
 * {@code NOT} with a numeric or string operand; arithmetic and {@code BETWEEN} with a string or
 * boolean operand; {@code < <= > >=} with a string or boolean operand (the spec restricts strings
 * and booleans to {@code =} and {@code <>}); a misused {@code LIKE} escape (SQL's invalid escape
 * sequence); selectors longer or deeper than {@link dev.partita.protocol.selector.SelectorLimits}.
 * Comparing unlike literal types with {@code =} ({@code 'a' = 1}) is legal: the spec defines it as
 * false.
 *
 * <h2>Evaluation (SQL three-valued logic, null = unknown)</h2>
 * <ul>
 *   <li>A missing property, a NULL header and a value of a type selectors do not know are NULL.
 *       Arithmetic or comparison with NULL is unknown; {@code NOT} unknown is unknown;
 *       {@code AND} is false if any operand is false, {@code OR} true if any is true. Unknown
 *       rejects the message. A non-boolean where a condition is expected counts as unknown.</li>
 *   <li>Comparisons of unlike types are false (section 3.8.1.1), as are strings or booleans
 *       compared with {@code <} etc. at run time. Numbers of any kind compare after Java numeric
 *       promotion ({@code long} vs {@code double} compares as double; NaN is unequal to all).</li>
 *   <li>Arithmetic uses Java numeric promotion, widened: integral operands compute in
 *       {@code long} (so {@code int} properties never wrap at 32 bits), anything with a
 *       {@code float} or {@code double} computes in {@code double}. {@code long} overflow, integral
 *       division by zero and {@code -Long.MIN_VALUE} give unknown instead of Java's wrapped result
 *       or exception; floating division by zero gives Java's infinity or NaN. Arithmetic on a
 *       string or boolean is unknown.</li>
 *   <li>{@code x BETWEEN a AND b} is {@code a <= x AND x <= b}; {@code x NOT BETWEEN a AND b} is
 *       {@code x < a OR x > b} (the spec's equivalences). {@code x IN (...)} is unknown for NULL
 *       {@code x}, else an OR of equalities, and {@code NOT IN} its negation (so a numeric
 *       {@code x} is never {@code IN} a string list, and always {@code NOT IN} it); {@code LIKE}
 *       likewise. {@code IS [NOT] NULL} is never unknown.</li>
 * </ul>
 *
 * <p>Cost: evaluation allocates nothing but the boxes of arithmetic results; {@code IN} is a hash
 * lookup; {@code LIKE} patterns are compiled at parse time and match in at most
 * O(pattern &times; value) steps without regular expressions. Everything here is immutable and
 * thread-safe except the single-use lexer and parser.
 */
package dev.partita.protocol.selector;
