package dev.partita.provider.connection;

import java.util.ArrayList;
import java.util.List;

/**
 * The broker part of a broker URL: {@code host:port[,host:port...]}, a host being a name, an IPv4
 * address or a bracketed IPv6 address, the port 1..65535 ({@value ConnectionOptions#DEFAULT_PORT}
 * when left out). Stateless.
 */
final class BrokerList {

    private BrokerList() {
    }

    /** The brokers as {@code host:port,host:port}; {@link IllegalArgumentException} naming the bad part. */
    static String parse(String url, String hosts) {
        if (hosts.isBlank()) {
            throw new IllegalArgumentException("broker URL " + url + " names no broker: expected "
                    + ConnectionOptions.SCHEME + "host:port[,host:port...]");
        }
        List<String> brokers = new ArrayList<>();
        for (String part : hosts.split(",", -1)) {
            brokers.add(parseOne(url, part.trim()));
        }
        return String.join(",", brokers);
    }

    private static String parseOne(String url, String broker) {
        if (broker.isEmpty()) {
            throw new IllegalArgumentException("broker URL " + url + " has an empty broker in its list");
        }
        String host;
        String port;
        if (broker.startsWith("[")) {
            int close = broker.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("broker URL " + url + ": \"" + broker + "\" opens [ for an IPv6 address but never closes it");
            }
            host = broker.substring(0, close + 1);
            String after = broker.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new IllegalArgumentException("broker URL " + url + ": \"" + broker + "\" is not [address]:port");
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = broker.indexOf(':');
            if (colon != broker.lastIndexOf(':')) {
                throw new IllegalArgumentException("broker URL " + url + ": \"" + broker + "\" has several ':' (write an IPv6 address as [address]:port)");
            }
            host = colon < 0 ? broker : broker.substring(0, colon);
            port = colon < 0 ? null : broker.substring(colon + 1);
        }
        if (host.isEmpty() || host.contains("/") || host.contains("@") || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("broker URL " + url + ": \"" + host + "\" is not a host name or address");
        }
        return host + ":" + port(url, broker, port);
    }

    private static int port(String url, String broker, String port) {
        if (port == null) {
            return ConnectionOptions.DEFAULT_PORT;
        }
        int value;
        try {
            value = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("broker URL " + url + ": the port of \"" + broker + "\" is not a number", e);
        }
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException("broker URL " + url + ": the port of \"" + broker + "\" must be 1..65535, not " + value);
        }
        return value;
    }
}
