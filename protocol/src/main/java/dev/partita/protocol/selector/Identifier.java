package dev.partita.protocol.selector;

import java.util.List;
import java.util.Map;

/**
 * A reference to a header field or a property, by its case-sensitive name (Jakarta Messaging 3.1,
 * section 3.8.1.1).
 *
 * <p>The spec restricts header field references to {@code JMSDeliveryMode}, {@code JMSPriority},
 * {@code JMSMessageID}, {@code JMSTimestamp}, {@code JMSCorrelationID} and {@code JMSType}; names
 * starting with {@code JMSX} are JMS defined properties, names starting with {@code JMS_} provider
 * properties, and names not starting with {@code JMS} application properties. Any other name
 * starting with {@code JMS} ({@code JMSDestination}, {@code JMSReplyTo}, {@code JMSExpiration},
 * {@code JMSRedelivered}, {@code JMSDeliveryTime}, ...) is neither a selectable header nor a
 * property a message can carry, so it always evaluates to NULL; the context is never asked.
 * {@code JMSDeliveryMode} is compared as the strings {@code 'PERSISTENT'} and
 * {@code 'NON_PERSISTENT'}.
 *
 * <p>Immutable and thread-safe; equal when the names are equal.
 */
public final class Identifier implements Expression {

    /** How a name is resolved, fixed at parse time so evaluation does no string work. */
    private enum Kind { PROPERTY, HEADER, DELIVERY_MODE, NOT_SELECTABLE }

    private static final Map<String, ValueType> SELECTABLE_HEADERS = Map.of(
            "JMSDeliveryMode", ValueType.STRING,
            "JMSPriority", ValueType.NUMERIC,
            "JMSMessageID", ValueType.STRING,
            "JMSTimestamp", ValueType.NUMERIC,
            "JMSCorrelationID", ValueType.STRING,
            "JMSType", ValueType.STRING);

    /** {@code jakarta.jms.DeliveryMode.NON_PERSISTENT} and {@code PERSISTENT}. */
    private static final int NON_PERSISTENT = 1;
    private static final int PERSISTENT = 2;

    private final String name;
    private final Kind kind;
    private final ValueType type;

    /**
     * @param name a Java identifier that is not a reserved word (the parser guarantees both)
     * @throws IllegalArgumentException if it is not
     */
    public Identifier(String name) {
        if (!isJavaIdentifier(name) || TokenType.reservedWord(name) != null) {
            throw new IllegalArgumentException("not a selector identifier: '" + name + "'");
        }
        this.name = name;
        ValueType headerType = SELECTABLE_HEADERS.get(name);
        if (headerType != null) {
            this.kind = name.equals("JMSDeliveryMode") ? Kind.DELIVERY_MODE : Kind.HEADER;
            this.type = headerType;
        } else if (name.startsWith("JMS") && !name.startsWith("JMSX") && !name.startsWith("JMS_")) {
            this.kind = Kind.NOT_SELECTABLE;
            this.type = ValueType.ANY;
        } else {
            this.kind = Kind.PROPERTY;
            this.type = ValueType.ANY;
        }
    }

    private static boolean isJavaIdentifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.codePointAt(0))) {
            return false;
        }
        return name.codePoints().allMatch(Character::isJavaIdentifierPart);
    }

    /** The name as written in the selector. */
    public String name() {
        return name;
    }

    /** Whether the name is one of the six header fields a selector may reference. */
    public boolean isHeaderField() {
        return kind == Kind.HEADER || kind == Kind.DELIVERY_MODE;
    }

    /** Whether the name starts with {@code JMS} but names neither a selectable header nor a property. */
    public boolean isAlwaysNull() {
        return kind == Kind.NOT_SELECTABLE;
    }

    @Override
    public Object evaluate(SelectorContext context) {
        return switch (kind) {
            case PROPERTY, HEADER -> Values.normalize(context.headerOrProperty(name));
            case DELIVERY_MODE -> deliveryMode(context.headerOrProperty(name));
            case NOT_SELECTABLE -> null;
        };
    }

    private static Object deliveryMode(Object raw) {
        if (raw instanceof String) {
            return raw;
        }
        if (Values.isIntegral(raw)) {
            long mode = ((Number) raw).longValue();
            if (mode == PERSISTENT) {
                return "PERSISTENT";
            }
            return mode == NON_PERSISTENT ? "NON_PERSISTENT" : null;
        }
        return null;
    }

    @Override
    public ValueType type() {
        return type;
    }

    @Override
    public List<Expression> children() {
        return List.of();
    }

    @Override
    public void appendTo(StringBuilder out) {
        out.append(name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Identifier identifier && identifier.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "Identifier[" + name + "]";
    }
}
