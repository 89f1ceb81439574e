package dev.cftokens.core.model;

import java.util.Locale;
import java.util.Optional;

/** A token's status as Cloudflare reports it. */
public enum TokenStatus {
    /** The token authenticates requests. */
    ACTIVE,
    /** The token was disabled and authenticates nothing until it is enabled again. */
    DISABLED,
    /** The token is past its {@code expires_on}. */
    EXPIRED;

    /** {@return {@code active}, {@code disabled} or {@code expired}, as the API writes it} */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the status the API writes as {@code value}, or empty for anything else}
     *
     * @param value the API's status
     */
    public static Optional<TokenStatus> find(String value) {
        for (TokenStatus status : values()) {
            if (status.wireName().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses the API's lower-case status; anything else is an {@link IllegalArgumentException} naming it.
     *
     * @param value the API's status
     * @return the status
     * @throws IllegalArgumentException when {@code value} is not one of the three
     */
    public static TokenStatus fromWireName(String value) {
        return find(value)
                .orElseThrow(() -> new IllegalArgumentException(
                        "token status must be active, disabled or expired, not \"" + value + "\""));
    }
}
