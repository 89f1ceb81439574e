package dev.cftokens.core.model;

import java.util.Locale;

/** Whether a policy allows or denies; Cloudflare writes it in lower case. */
public enum PolicyEffect {
    ALLOW,
    DENY;

    /** {@code allow} or {@code deny}, as the API writes it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the API's {@code allow} or {@code deny}; anything else is an {@link IllegalArgumentException}. */
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
