package dev.cftokens.emulator.workers;

import static java.util.Objects.requireNonNull;

/**
 * One binding of a Worker script: its name, its type ({@code secret_text}, {@code plain_text},
 * {@code kv_namespace}, ...) and, for the two text types, its text; null otherwise.
 *
 * @param name the binding's name, as the script reads it
 * @param type its type, such as {@link #SECRET_TEXT}
 * @param text the text of a text binding; null otherwise
 */
public record WorkerBinding(String name, String type, String text) {
    /** The type of a secret, whose text no answer shows. */
    public static final String SECRET_TEXT = "secret_text";
    /** The type of a text that is not secret. */
    public static final String PLAIN_TEXT = "plain_text";

    /**
     * Checks the components.
     *
     * @param name the binding's name, as the script reads it
     * @param type its type, such as {@link #SECRET_TEXT}
     * @param text the text of a text binding; null otherwise
     * @throws NullPointerException when {@code name} or {@code type} is null
     */
    public WorkerBinding {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
    }

    /** {@return true for a {@link #SECRET_TEXT} binding} */
    public boolean isSecret() {
        return SECRET_TEXT.equals(type);
    }

    @Override
    public String toString() {
        // A secret's text is often a token value: never printed.
        return "WorkerBinding{" + name + ", " + type + "}";
    }
}
