package dev.signin.config;

import java.util.Locale;

/** How the app is run: {@code production} (the default, strict) or {@code dev} (the README run command). */
public enum Mode {
    DEV, PRODUCTION;

    public static Mode parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "dev", "development" -> DEV;
            case "production", "prod" -> PRODUCTION;
            default -> throw new ConfigurationException(
                    "signin.mode (SIGNIN_MODE) must be 'dev' or 'production', not '" + value + "'");
        };
    }
}
