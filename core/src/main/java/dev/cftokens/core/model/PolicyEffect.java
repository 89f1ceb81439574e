package dev.cftokens.core.model;

import java.util.Locale;

/** Whether a policy allows or denies; Cloudflare writes it in lower case. */
public enum PolicyEffect {
    /** The policy grants its permission groups on its resources. */
    ALLOW,
    /** The policy takes its permission groups on its resources away from what other policies allow. */
    DENY;

    /** {@return {@code allow} or {@code deny}, as the API writes it} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the API's {@code allow} or {@code deny}; anything else is an {@link IllegalArgumentException}.
     *
     * @param value the API's effect
     * @return the effect
     * @throws IllegalArgumentException when {@code value} is neither
     */
    public static PolicyEffect fromWireName(String value) {
        if ("allow".equals(value)) {
            return ALLOW;
        }
        if ("deny".equals(value)) {
            return DENY;
        }
        throw new IllegalArgumentException("effect must be \"allow\" or \"deny\", not \"" + value + "\"");
    }
}
