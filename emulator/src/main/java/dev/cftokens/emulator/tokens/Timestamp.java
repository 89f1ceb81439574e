package dev.cftokens.emulator.tokens;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Formats instants the way the API writes them: {@code 2018-07-01T05:20:00Z}. */
final class Timestamp {
  private Timestamp() {}

  static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
