package dev.partita.client.network;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Where a broker listens: a host name or address and a TCP port. Immutable. */
public record BrokerEndpoint(String host, int port) {

    public BrokerEndpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("broker host must not be empty");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("broker port out of range: " + port);
        }
    }

    /** Parses {@code host:port}; an IPv6 literal is written in brackets: {@code [::1]:7676}. */
    public static BrokerEndpoint parse(String hostPort) {
        String s = hostPort.trim();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + hostPort + "'");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new BrokerEndpoint(host, Integer.parseInt(s.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + hostPort + "'", e);
        }
    }

    /** Parses a comma-separated {@code host:port} list; it must name at least one broker. */
    public static List<BrokerEndpoint> parseList(String hostPortList) {
        if (hostPortList == null) {
            throw new IllegalArgumentException("bootstrap servers must be set");
        }
        List<BrokerEndpoint> result = new ArrayList<>();
        for (String part : hostPortList.split(",")) {
            if (!part.isBlank()) {
                result.add(parse(part));
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("bootstrap servers must name at least one broker");
        }
        return List.copyOf(result);
    }

    public static String formatList(List<BrokerEndpoint> endpoints) {
        return endpoints.stream().map(BrokerEndpoint::toString).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
