package dev.partita.tck;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@code TextMessage} of "another JMS implementation" (spec 3.12): a dynamic proxy that keeps
 * header fields set through {@code setJMS...} in {@link #headers}, its properties in
 * {@link #properties} and its text. Other methods are unsupported. Not thread-safe beyond its maps.
 */
final class ForeignMessage {

    final Map<String, Object> headers = new ConcurrentHashMap<>();
    final Map<String, Object> properties = new ConcurrentHashMap<>();
    private final String text;

    ForeignMessage(String text) {
        this.text = text;
    }

    TextMessage asTextMessage() {
        return (TextMessage) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TextMessage.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "ForeignMessage" + headers;
                    default -> answer(method.getName(), args);
                });
    }

    private Object answer(String method, Object[] args) throws JMSException {
        if (method.startsWith("setJMS")) {
            if (args[0] != null) {
                headers.put(method.substring(3), args[0]);
            }
            return null;
        }
        if (method.startsWith("getJMS")) {
            Object value = headers.get(method.substring(3));
            return value != null ? value : defaultOf(method);
        }
        return switch (method) {
            case "getText" -> text;
            case "getPropertyNames" -> Collections.enumeration(properties.keySet());
            case "getObjectProperty" -> properties.get((String) args[0]);
            case "getStringProperty" -> (String) properties.get((String) args[0]);
            case "propertyExists" -> properties.containsKey((String) args[0]);
            default -> throw new UnsupportedOperationException("ForeignMessage." + method);
        };
    }

    private static Object defaultOf(String getter) {
        return switch (getter) {
            case "getJMSTimestamp", "getJMSExpiration", "getJMSDeliveryTime" -> 0L;
            case "getJMSDeliveryMode" -> DeliveryMode.PERSISTENT;
            case "getJMSPriority" -> 4;
            case "getJMSRedelivered" -> false;
            default -> null;
        };
    }
}
