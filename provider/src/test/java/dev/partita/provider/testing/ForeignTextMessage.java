package dev.partita.provider.testing;

import jakarta.jms.DeliveryMode;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Another provider's {@code TextMessage} for tests: a proxy keeping header fields set through
 * {@code setJMS...} in a map (so a test sees what the provider set on it), properties in another,
 * and its text. Anything else is unsupported.
 */
public final class ForeignTextMessage {

    public final Map<String, Object> headers = new HashMap<>();
    public final Map<String, Object> properties = new LinkedHashMap<>();
    public String text;
    /** When set, every {@code setJMS...} call throws, as a provider refusing Partita's values might. */
    public boolean refuseHeaders;

    public TextMessage asMessage() {
        return (TextMessage) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TextMessage.class},
                (proxy, method, args) -> method.getName().equals("equals") ? proxy == args[0] : answer(method.getName(), args));
    }

    private Object answer(String method, Object[] args) throws jakarta.jms.JMSException {
        switch (method) {
            case "getPropertyNames": return Collections.enumeration(properties.keySet());
            case "getObjectProperty": return properties.get((String) args[0]);
            case "getText": return text;
            case "getJMSCorrelationIDAsBytes": return null;
            case "toString": return "ForeignTextMessage" + headers;
            case "hashCode": return System.identityHashCode(this);
            default:
                if (method.startsWith("setJMS")) {
                    if (refuseHeaders) {
                        throw new jakarta.jms.JMSException("this provider refuses " + method);
                    }
                    headers.put(method.substring(3), args[0]);
                    return null;
                }
                if (method.startsWith("getJMS")) {
                    Object value = headers.get(method.substring(3));
                    return value != null ? value : defaultOf(method);
                }
                throw new UnsupportedOperationException(method);
        }
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
