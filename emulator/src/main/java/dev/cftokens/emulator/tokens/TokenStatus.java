package dev.cftokens.emulator.tokens;

import java.util.Locale;

/** A token's {@code status} as the API writes it. */
public enum TokenStatus {
  ACTIVE,
  DISABLED,
  EXPIRED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status named {@code value} on the wire, or null for anything else. */
  public static TokenStatus fromWireName(String value) {
    for (TokenStatus status : values()) {
      if (status.wireName().equals(value)) {
        return status;
      }
    }
    return null;
  }
}
