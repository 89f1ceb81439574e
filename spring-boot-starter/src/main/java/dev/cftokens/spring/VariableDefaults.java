package dev.cftokens.spring;

import org.springframework.core.env.Environment;

/** A {@code cftokens.*} property that falls back to the environment variable the command line reads. */
final class VariableDefaults {
    private VariableDefaults() {}

    /** The property when set and not blank, else the variable when set and not blank, else null. */
    static String resolve(String property, Environment environment, String variable) {
        if (property != null && !property.isBlank()) {
            return property.strip();
        }
        String value = environment.getProperty(variable);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
