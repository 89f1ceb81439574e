package dev.cftokens.runtime;

import java.util.Locale;

/** A token's status as Cloudflare reports it. */
public enum TokenStatus {
  ACTIVE,
  DISABLED,
  EXPIRED;

  /** {@code active}, {@code disabled} or {@code expired}, as the API writes it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the API's lower-case status; anything else is an {@link IllegalArgumentException} naming it. */
  public static TokenStatus fromWireName(String value) {
    for (TokenStatus status : values()) {
      if (status.wireName().equals(value)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "token status must be active, disabled or expired, not \"" + value + "\"");
  }
}
