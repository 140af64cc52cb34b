package dev.partita.broker.config;

/** A setting has an unknown key or a value that does not parse or is out of range. */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String key, String value, String problem) {
        super("Invalid value '" + value + "' for setting " + key + ": " + problem);
    }
}
