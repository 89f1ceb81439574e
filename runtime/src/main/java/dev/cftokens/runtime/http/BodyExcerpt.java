package dev.cftokens.runtime.http;

import java.util.regex.Pattern;

/**
 * The short, redacted start of a response body that was not Cloudflare's envelope, for error messages.
 * Such a body can be the truncated answer of a create or roll, which holds a token value; token values
 * are 40 to 80 characters of letters, digits, {@code -} and {@code _}, so every run of 40 or more such
 * characters is masked before anything is shown. Ids (32 hex characters) stay readable.
 */
final class BodyExcerpt {
  static final int MAX_LENGTH = 200;
  private static final Pattern SECRET_LIKE = Pattern.compile("[A-Za-z0-9_\\-]{40,}");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private BodyExcerpt() {}

  static String of(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    String flat = WHITESPACE.matcher(body.strip()).replaceAll(" ");
    String redacted = SECRET_LIKE.matcher(flat).replaceAll("****");
    return redacted.length() <= MAX_LENGTH ? redacted : redacted.substring(0, MAX_LENGTH) + "...";
  }
}
