package dev.partita.protocol.selector;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser for the selector grammar of Jakarta Messaging 3.1, section 3.8.1.1,
 * lowest precedence first:
 *
 * <pre>
 * selector    = or END
 * or          = and { OR and }
 * and         = not { AND not }
 * not         = NOT not | predicate
 * predicate   = sum [ comparison-op sum
 *                   | [NOT] BETWEEN sum AND sum
 *                   | [NOT] IN '(' string { ',' string } ')'          (left side: an identifier)
 *                   | [NOT] LIKE string [ESCAPE string]               (left side: an identifier)
 *                   | IS [NOT] NULL ]                                 (left side: an identifier)
 * sum         = product { ('+' | '-') product }
 * product     = unary { ('*' | '/') unary }
 * unary       = ('+' | '-') unary | primary
 * primary     = literal | identifier | '(' or ')'
 * </pre>
 *
 * Types are checked by {@link TypeRules} as nodes are built, wherever the parser can already
 * tell; the whole selector must be a condition. Recursion and tree depth are bounded by
 * {@link SelectorLimits#maxDepth()}, the length by {@link SelectorLimits#maxLength()}.
 *
 * <p>Not thread-safe: one instance per parse.
 */
final class Parser {

    private final Lexer lexer;
    private final int maxDepth;
    /** Depth of every composite node built so far; leaves are depth 1. */
    private final Map<Expression, Integer> depths = new IdentityHashMap<>();
    private Token current;
    private int nesting;

    private Parser(String text, SelectorLimits limits) {
        this.lexer = new Lexer(text);
        this.maxDepth = limits.maxDepth();
    }

    static Expression parse(String text, SelectorLimits limits) throws SelectorSyntaxException {
        if (text.length() > limits.maxLength()) {
            throw new SelectorSyntaxException("selector is " + text.length() + " characters long; at most "
                    + limits.maxLength() + " are allowed", limits.maxLength() + 1);
        }
        Parser parser = new Parser(text, limits);
        parser.advance();
        Token first = parser.current;
        Expression expression = parser.or();
        if (parser.current.type() != TokenType.END) {
            throw parser.unexpected("an operator or the end of the selector");
        }
        if (!expression.type().mayBeBoolean()) {
            throw new SelectorSyntaxException("the selector starting at column " + first.column()
                    + " is not a condition: its value is " + expression.type().description()
                    + ", not boolean", first.column());
        }
        return expression;
    }

    private Expression or() throws SelectorSyntaxException {
        Expression first = and();
        if (current.type() != TokenType.OR) {
            return first;
        }
        List<Expression> operands = new ArrayList<>();
        operands.add(first);
        while (current.type() == TokenType.OR) {
            Token operator = take();
            if (operands.size() == 1) {
                TypeRules.requireCondition(first, operator, "operands");
            }
            Expression next = and();
            TypeRules.requireCondition(next, operator, "operands");
            operands.add(next);
        }
        return built(new Or(operands), operands, current);
    }

    private Expression and() throws SelectorSyntaxException {
        Expression first = not();
        if (current.type() != TokenType.AND) {
            return first;
        }
        List<Expression> operands = new ArrayList<>();
        operands.add(first);
        while (current.type() == TokenType.AND) {
            Token operator = take();
            if (operands.size() == 1) {
                TypeRules.requireCondition(first, operator, "operands");
            }
            Expression next = not();
            TypeRules.requireCondition(next, operator, "operands");
            operands.add(next);
        }
        return built(new And(operands), operands, current);
    }

    private Expression not() throws SelectorSyntaxException {
        if (current.type() != TokenType.NOT) {
            return predicate();
        }
        Token operator = take();
        enter(operator);
        Expression operand = not();
        nesting--;
        TypeRules.requireCondition(operand, operator, "operand");
        return built(new Not(operand), List.of(operand), operator);
    }

    private Expression predicate() throws SelectorSyntaxException {
        Expression left = sum();
        switch (current.type()) {
            case EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> {
                return comparison(left);
            }
            case NOT -> {
                take();
                return switch (current.type()) {
                    case BETWEEN -> between(left, true);
                    case IN -> in(left, true);
                    case LIKE -> like(left, true);
                    default -> throw unexpected("BETWEEN, IN or LIKE after NOT");
                };
            }
            case BETWEEN -> {
                return between(left, false);
            }
            case IN -> {
                return in(left, false);
            }
            case LIKE -> {
                return like(left, false);
            }
            case IS -> {
                return isNull(left);
            }
            default -> {
                return left;
            }
        }
    }

    private Expression comparison(Expression left) throws SelectorSyntaxException {
        Token operatorToken = take();
        ComparisonOperator operator = switch (operatorToken.type()) {
            case EQUAL -> ComparisonOperator.EQUAL;
            case NOT_EQUAL -> ComparisonOperator.NOT_EQUAL;
            case LESS -> ComparisonOperator.LESS;
            case LESS_OR_EQUAL -> ComparisonOperator.LESS_OR_EQUAL;
            case GREATER -> ComparisonOperator.GREATER;
            default -> ComparisonOperator.GREATER_OR_EQUAL;
        };
        Expression right = sum();
        TypeRules.requireComparable(operator, operatorToken, left, right);
        return built(new Comparison(operator, left, right), List.of(left, right), operatorToken);
    }

    private Expression between(Expression value, boolean negated) throws SelectorSyntaxException {
        Token between = take();
        Expression low = sum();
        expect(TokenType.AND, "AND between the bounds of BETWEEN at column " + between.column());
        Expression high = sum();
        TypeRules.requireNumeric(value, between, "tested value");
        TypeRules.requireNumeric(low, between, "lower bound");
        TypeRules.requireNumeric(high, between, "upper bound");
        return built(new Between(value, low, high, negated), List.of(value, low, high), between);
    }

    private Expression in(Expression left, boolean negated) throws SelectorSyntaxException {
        Identifier identifier = TypeRules.requireIdentifier(left, current, "IN");
        Token in = take();
        expect(TokenType.LEFT_PAREN, "'(' to open the list of IN at column " + in.column());
        Set<String> values = new LinkedHashSet<>();
        do {
            if (current.type() != TokenType.STRING) {
                throw unexpected("a string literal (IN lists only hold string literals)");
            }
            values.add(take().text());
        } while (accept(TokenType.COMMA));
        expect(TokenType.RIGHT_PAREN, "',' or ')' to close the list of IN at column " + in.column());
        return built(new In(identifier, values, negated), List.of(identifier), in);
    }

    private Expression like(Expression left, boolean negated) throws SelectorSyntaxException {
        Identifier identifier = TypeRules.requireIdentifier(left, current, "LIKE");
        Token like = take();
        if (current.type() != TokenType.STRING) {
            throw unexpected("a string literal as the pattern of LIKE at column " + like.column());
        }
        Token pattern = take();
        Integer escape = null;
        if (current.type() == TokenType.ESCAPE) {
            take();
            if (current.type() != TokenType.STRING) {
                throw unexpected("a string literal after ESCAPE");
            }
            Token escapeToken = take();
            String text = escapeToken.text();
            if (text.isEmpty() || text.codePointCount(0, text.length()) != 1) {
                throw new SelectorSyntaxException("the escape character at column " + escapeToken.column()
                        + " must be a string literal of exactly one character, not "
                        + escapeToken.describe().substring("string literal ".length()), escapeToken.column());
            }
            escape = text.codePointAt(0);
        }
        LikePattern compiled;
        try {
            compiled = LikePattern.compile(pattern.text(), escape);
        } catch (IllegalArgumentException e) {
            throw new SelectorSyntaxException("invalid LIKE pattern at column " + pattern.column() + ": "
                    + e.getMessage(), pattern.column());
        }
        return built(new Like(identifier, compiled, negated), List.of(identifier), like);
    }

    private Expression isNull(Expression left) throws SelectorSyntaxException {
        Token is = take();
        Identifier identifier = TypeRules.requireIdentifier(left, is, "IS NULL");
        boolean negated = accept(TokenType.NOT);
        expect(TokenType.NULL, "NULL after IS" + (negated ? " NOT" : ""));
        return built(new IsNull(identifier, negated), List.of(identifier), is);
    }

    private Expression sum() throws SelectorSyntaxException {
        Expression left = product();
        while (current.type() == TokenType.PLUS || current.type() == TokenType.MINUS) {
            Token operator = take();
            Expression right = product();
            left = arithmetic(operator.type() == TokenType.PLUS ? ArithmeticOperator.ADD
                    : ArithmeticOperator.SUBTRACT, operator, left, right);
        }
        return left;
    }

    private Expression product() throws SelectorSyntaxException {
        Expression left = unary();
        while (current.type() == TokenType.STAR || current.type() == TokenType.SLASH) {
            Token operator = take();
            Expression right = unary();
            left = arithmetic(operator.type() == TokenType.STAR ? ArithmeticOperator.MULTIPLY
                    : ArithmeticOperator.DIVIDE, operator, left, right);
        }
        return left;
    }

    private Expression arithmetic(ArithmeticOperator operator, Token token, Expression left, Expression right)
            throws SelectorSyntaxException {
        TypeRules.requireNumeric(left, token, "left operand");
        TypeRules.requireNumeric(right, token, "right operand");
        return built(new Arithmetic(operator, left, right), List.of(left, right), token);
    }

    private Expression unary() throws SelectorSyntaxException {
        if (current.type() != TokenType.PLUS && current.type() != TokenType.MINUS) {
            return primary();
        }
        Token sign = take();
        boolean minus = sign.type() == TokenType.MINUS;
        // A sign right before a number is part of the literal, which is how -9223372036854775808 fits.
        if (current.type() == TokenType.EXACT_NUMBER) {
            return new Literal(NumericLiterals.exactValue(take(), minus));
        }
        if (current.type() == TokenType.APPROXIMATE_NUMBER) {
            return new Literal(NumericLiterals.approximateValue(take(), minus));
        }
        enter(sign);
        Expression operand = unary();
        nesting--;
        TypeRules.requireNumeric(operand, sign, "operand");
        Expression node = minus ? new Negation(operand) : new UnaryPlus(operand);
        return built(node, List.of(operand), sign);
    }

    private Expression primary() throws SelectorSyntaxException {
        Token token = current;
        switch (token.type()) {
            case STRING -> {
                take();
                return new Literal(token.text());
            }
            case EXACT_NUMBER -> {
                take();
                return new Literal(NumericLiterals.exactValue(token, false));
            }
            case APPROXIMATE_NUMBER -> {
                take();
                return new Literal(NumericLiterals.approximateValue(token, false));
            }
            case TRUE, FALSE -> {
                take();
                return new Literal(token.type() == TokenType.TRUE);
            }
            case IDENTIFIER -> {
                take();
                return new Identifier(token.text());
            }
            case LEFT_PAREN -> {
                take();
                enter(token);
                Expression inner = or();
                expect(TokenType.RIGHT_PAREN, "')' to close '(' at column " + token.column());
                nesting--;
                return inner;
            }
            case NULL -> throw new SelectorSyntaxException("NULL at column " + token.column()
                    + " is not a value: test for it with 'IS NULL' or 'IS NOT NULL'", token.column());
            case BETWEEN, LIKE, IN, IS, ESCAPE -> throw unexpected("an expression ('" + token.text()
                    + "' is a reserved word and cannot name a property)");
            default -> throw unexpected("an expression");
        }
    }

    /** Records the depth of a new node and rejects it if the tree got too deep. */
    private Expression built(Expression node, List<Expression> children, Token at) throws SelectorSyntaxException {
        int depth = 0;
        for (Expression child : children) {
            depth = Math.max(depth, depths.getOrDefault(child, 1));
        }
        depth++;
        if (depth > maxDepth) {
            throw tooDeep(at);
        }
        depths.put(node, depth);
        return node;
    }

    private void enter(Token at) throws SelectorSyntaxException {
        if (++nesting > maxDepth) {
            throw tooDeep(at);
        }
    }

    private SelectorSyntaxException tooDeep(Token at) {
        return new SelectorSyntaxException("selector nests deeper than " + maxDepth + " levels at column "
                + at.column(), at.column());
    }

    private Token take() throws SelectorSyntaxException {
        Token taken = current;
        advance();
        return taken;
    }

    private void advance() throws SelectorSyntaxException {
        current = lexer.next();
    }

    private boolean accept(TokenType type) throws SelectorSyntaxException {
        if (current.type() == type) {
            advance();
            return true;
        }
        return false;
    }

    private void expect(TokenType type, String expected) throws SelectorSyntaxException {
        if (!accept(type)) {
            throw unexpected(expected);
        }
    }

    private SelectorSyntaxException unexpected(String expected) {
        return new SelectorSyntaxException("unexpected " + current.describe() + " at column " + current.column()
                + ": expected " + expected, current.column());
    }
}
