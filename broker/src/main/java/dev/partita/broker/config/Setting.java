package dev.partita.broker.config;

/**
 * One broker setting: its key, its default as text (empty = unset) and what it means. The list of
 * every setting is {@link BrokerConfig#SETTINGS}; {@code docs/configuration.md} documents the same.
 *
 * @param key the properties key, e.g. {@code port}
 * @param defaultValue the default as it would be written in a properties file
 * @param doc one sentence for users
 */
public record Setting(String key, String defaultValue, String doc) {
}
