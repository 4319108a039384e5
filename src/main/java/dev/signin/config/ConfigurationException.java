package dev.signin.config;

/** A setting is missing or wrong: thrown at start-up so that the deployment stops with a clear message. */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
