package dev.partita.protocol.selector;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A parsed JMS message selector (Jakarta Messaging 3.1, section 3.8): immutable, thread-safe, and
 * cheap to evaluate against many messages.
 *
 * <pre>{@code
 * Selector selector = Selector.parse("JMSPriority > 4 AND region IN ('EU', 'US')");
 * boolean wanted = selector.matches(name -> properties.get(name));
 * }</pre>
 *
 * A message is selected only if the selector evaluates to true; false and unknown (SQL NULL) both
 * reject it. A null, empty or blank selector selects every message (section 3.8.1.1).
 */
public final class Selector {

    private static final Selector MATCH_ALL = new Selector("", null, "", Set.of());

    private final String text;
    private final Expression expression;
    private final String canonicalText;
    private final Set<String> identifiers;

    private Selector(String text, Expression expression, String canonicalText, Set<String> identifiers) {
        this.text = text;
        this.expression = expression;
        this.canonicalText = canonicalText;
        this.identifiers = identifiers;
    }

    /**
     * Parses a selector with {@link SelectorLimits#DEFAULT}.
     *
     * @param selector the selector text; null or blank selects every message
     * @throws SelectorSyntaxException if the selector is invalid, with the column and reason
     */
    public static Selector parse(String selector) throws SelectorSyntaxException {
        return parse(selector, SelectorLimits.DEFAULT);
    }

    /**
     * Parses a selector.
     *
     * @param selector the selector text; null or blank selects every message
     * @param limits the largest selector accepted
     * @throws SelectorSyntaxException if the selector is invalid, with the column and reason
     */
    public static Selector parse(String selector, SelectorLimits limits) throws SelectorSyntaxException {
        if (selector == null || selector.isBlank()) {
            // isBlank also skips whitespace a selector may not contain (e.g. U+2028); no tokens, no filter.
            return MATCH_ALL;
        }
        Expression expression = Parser.parse(selector, limits);
        return new Selector(selector, expression, expression.toSelectorText(), collectIdentifiers(expression));
    }

    /** The selector that selects every message. */
    public static Selector matchAll() {
        return MATCH_ALL;
    }

    /** Whether this selector selects every message (it was null or blank). */
    public boolean isMatchAll() {
        return expression == null;
    }

    /**
     * Whether the message the context describes is selected: true only if the selector evaluates
     * to true. Never throws because of a message's values.
     */
    public boolean matches(SelectorContext context) {
        return expression == null || Boolean.TRUE.equals(expression.evaluate(context));
    }

    /**
     * The three-valued result for one message: TRUE, FALSE, or null for unknown (a selector that
     * is a bare identifier holding a non-boolean is unknown). The match-all selector is TRUE.
     */
    public Boolean evaluate(SelectorContext context) {
        return expression == null ? Boolean.TRUE : Values.condition(expression.evaluate(context));
    }

    /** The parsed tree, or null for the match-all selector. */
    public Expression expression() {
        return expression;
    }

    /** The selector as it was given ("" for the match-all selector). */
    public String text() {
        return text;
    }

    /**
     * Every header field and property name the selector references, in order of first occurrence;
     * the broker uses it to tell selectors that read properties set at delivery (such as
     * {@code JMSXDeliveryCount}) from those it can evaluate once per record.
     */
    public Set<String> identifiers() {
        return identifiers;
    }

    /**
     * The canonical text: fully parenthesized, reserved words in upper case, literals normalized;
     * parses back to an equal tree (if it is within the length limit: parentheses make it longer).
     */
    public String toCanonicalText() {
        return canonicalText;
    }

    private static Set<String> collectIdentifiers(Expression root) {
        Set<String> names = new LinkedHashSet<>();
        // Depth-first, left to right, without recursion.
        Deque<Expression> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Expression next = pending.pop();
            if (next instanceof Identifier identifier) {
                names.add(identifier.name());
            }
            for (int i = next.children().size() - 1; i >= 0; i--) {
                pending.push(next.children().get(i));
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * Equal when the canonical texts are equal: the same tree, whatever the spacing, case of
     * reserved words, redundant parentheses or literal spelling ({@code 0x10} and {@code 16}).
     * Unlike {@link Expression#equals}, which recurses through the tree, this costs no stack.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Selector that && that.canonicalText.equals(canonicalText);
    }

    @Override
    public int hashCode() {
        return canonicalText.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
