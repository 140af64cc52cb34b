package dev.partita.protocol.selector;

import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random well-typed selector trees, as the parser would build them, for the property tests. */
final class SelectorArbitraries {

    private SelectorArbitraries() {
    }

    static Arbitrary<Identifier> identifiers() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(4)
                .filter(name -> TokenType.reservedWord(name) == null);
        Arbitrary<String> special = Arbitraries.of("JMSPriority", "JMSType", "JMSDeliveryMode", "JMSXGroupID",
                "JMS_x", "$a", "_b1", "\u00e9t\u00e9", "JMSDestination");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, plain), net.jqwik.api.Tuple.of(1, special)).map(Identifier::new);
    }

    static Arbitrary<String> strings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab'%_ !").ofMaxLength(5),
                Arbitraries.strings().ofMaxLength(4));
    }

    static Arbitrary<Expression> numeric(int depth) {
        Arbitrary<Expression> leaves = Arbitraries.oneOf(
                Arbitraries.longs().map(v -> (Expression) new Literal(v)),
                Arbitraries.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE).map(Literal::new),
                Arbitraries.doubles().filter(Double::isFinite).map(Literal::new),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 0.1).map(Literal::new),
                identifiers().filter(id -> id.type().mayBeNumeric()).map(Expression.class::cast));
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<Expression> smaller = Arbitraries.lazy(() -> numeric(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaves),
                net.jqwik.api.Tuple.of(1, smaller.map(Negation::new)),
                net.jqwik.api.Tuple.of(1, smaller.map(UnaryPlus::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(
                        Arbitraries.of(ArithmeticOperator.class), smaller, smaller).as(Arithmetic::new)));
    }

    static Arbitrary<Expression> conditions(int depth) {
        Arbitrary<Expression> leaves = Arbitraries.oneOf(
                identifiers().filter(id -> id.type().mayBeBoolean()).map(Expression.class::cast),
                Arbitraries.of(true, false).map(Literal::new),
                Combinators.combine(identifiers(), Arbitraries.of(true, false)).as(IsNull::new),
                Combinators.combine(identifiers(), strings().set().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.of(true, false)).as(In::new),
                Combinators.combine(identifiers(), likePatterns(), Arbitraries.of(true, false)).as(Like::new));
        Arbitrary<Expression> numbers = Arbitraries.lazy(() -> numeric(Math.min(depth, 2)));
        Arbitrary<Expression> comparisons = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(ComparisonOperator.class), numbers, numbers).as(Comparison::new),
                Combinators.combine(Arbitraries.of(ComparisonOperator.EQUAL, ComparisonOperator.NOT_EQUAL),
                        stringOperands(), stringOperands()).as(Comparison::new),
                Combinators.combine(numbers, numbers, numbers, Arbitraries.of(true, false)).as(Between::new));
        if (depth == 0) {
            return Arbitraries.oneOf(leaves, comparisons);
        }
        Arbitrary<Expression> smaller = Arbitraries.lazy(() -> conditions(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, leaves),
                net.jqwik.api.Tuple.of(2, comparisons),
                net.jqwik.api.Tuple.of(1, smaller.map(Not::new)),
                net.jqwik.api.Tuple.of(2, smaller.list().ofMinSize(2).ofMaxSize(3).map(And::new)),
                net.jqwik.api.Tuple.of(2, smaller.list().ofMinSize(2).ofMaxSize(3).map(Or::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of(ComparisonOperator.EQUAL,
                        ComparisonOperator.NOT_EQUAL), smaller, smaller).as(Comparison::new)));
    }

    private static Arbitrary<Expression> stringOperands() {
        return Arbitraries.oneOf(strings().map(Literal::new), identifiers().map(Expression.class::cast));
    }

    /** Valid patterns over a small alphabet, with or without an escape character. */
    static Arbitrary<LikePattern> likePatterns() {
        Arbitrary<Integer> escapes = Arbitraries.of((int) '!', (int) '\'', (int) '_').injectNull(0.4);
        return Combinators.combine(Arbitraries.strings().withChars("ab_%!'").ofMaxLength(6), escapes)
                .as(SelectorArbitraries::compileOrNull)
                .filter(pattern -> pattern != null);
    }

    private static LikePattern compileOrNull(String pattern, Integer escape) {
        try {
            return LikePattern.compile(pattern, escape);
        } catch (IllegalArgumentException misusedEscape) {
            return null;
        }
    }

    /** Values a property can hold, including the kinds selectors treat as unknown. */
    static Arbitrary<Object> propertyValues() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.shorts().map(Object.class::cast),
                Arbitraries.bytes().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.floats().map(Object.class::cast),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Float.NaN, 0, -1L, Long.MIN_VALUE, "a", "",
                        "PERSISTENT", true, false).map(Object.class::cast),
                strings().map(Object.class::cast),
                Arbitraries.of(new Object(), Set.of(), 'c').map(Object.class::cast))
                .injectNull(0.15);
    }
}
