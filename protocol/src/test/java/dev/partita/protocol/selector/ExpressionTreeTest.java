package dev.partita.protocol.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tree nodes as public values: what they accept, their structure and their types. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ExpressionTreeTest {

    @Test
    void parsesIntoTheExpectedTree() throws SelectorSyntaxException {
        Expression tree = Selector.parse("a > 1 + 2 * -b AND NOT c LIKE 'x%' OR d IS NULL").expression();
        Identifier a = new Identifier("a");
        Expression expected = new Or(List.of(
                new And(List.of(
                        new Comparison(ComparisonOperator.GREATER, a,
                                new Arithmetic(ArithmeticOperator.ADD, new Literal(1L),
                                        new Arithmetic(ArithmeticOperator.MULTIPLY, new Literal(2L),
                                                new Negation(new Identifier("b"))))),
                        new Not(new Like(new Identifier("c"), LikePattern.compile("x%", null), false)))),
                new IsNull(new Identifier("d"), false)));
        assertThat(tree).isEqualTo(expected);
        assertThat(tree.type()).isEqualTo(ValueType.BOOLEAN);
        assertThat(tree.children()).hasSize(2);
    }

    @Test
    void identifiersKnowWhichHeadersSelectorsMayReference() {
        assertThat(new Identifier("JMSPriority").isHeaderField()).isTrue();
        assertThat(new Identifier("JMSPriority").type()).isEqualTo(ValueType.NUMERIC);
        assertThat(new Identifier("JMSDeliveryMode").type()).isEqualTo(ValueType.STRING);
        assertThat(new Identifier("JMSXGroupID").isHeaderField()).isFalse();
        assertThat(new Identifier("JMSXGroupID").isAlwaysNull()).isFalse();
        assertThat(new Identifier("JMS_acme").isAlwaysNull()).isFalse();
        for (String header : Arrays.asList("JMSDestination", "JMSReplyTo", "JMSExpiration", "JMSRedelivered",
                "JMSDeliveryTime", "JMSFoo")) {
            assertThat(new Identifier(header).isAlwaysNull()).as(header).isTrue();
            assertThat(new Identifier(header).type()).isEqualTo(ValueType.ANY);
        }
        assertThat(new Identifier("x")).isEqualTo(new Identifier("x")).isNotEqualTo(new Identifier("X"));
    }

    @Test
    void nodesRejectWhatNoSelectorCanWrite() {
        assertThatThrownBy(() -> new Identifier("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Identifier("and")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Identifier("1a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Identifier("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Literal(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Literal(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Literal(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new In(new Identifier("a"), Set.of(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new And(List.of(new Literal(true)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Or(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inKeepsTheWrittenOrderWithoutDuplicates() throws SelectorSyntaxException {
        In in = (In) Selector.parse("a IN ('z', 'a', 'z', 'm')").expression();
        assertThat(in.values()).containsExactly("z", "a", "m");
        assertThatThrownBy(() -> in.values().add("b")).isInstanceOf(UnsupportedOperationException.class);
    }
}
