package dev.cftokens.emulator.workers;

import static java.util.Objects.requireNonNull;

/**
 * One binding of a Worker script: its name, its type ({@code secret_text}, {@code plain_text},
 * {@code kv_namespace}, ...) and, for the two text types, its text; null otherwise.
 */
public record WorkerBinding(String name, String type, String text) {
    public static final String SECRET_TEXT = "secret_text";
    public static final String PLAIN_TEXT = "plain_text";

    public WorkerBinding {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
    }

    public boolean isSecret() {
        return SECRET_TEXT.equals(type);
    }

    @Override
    public String toString() {
        // A secret's text is often a token value: never printed.
        return "WorkerBinding{" + name + ", " + type + "}";
    }
}
