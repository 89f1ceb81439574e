package dev.cftokens.runtime.internal.http;

import java.util.regex.Pattern;

/**
 * The short, redacted start of a response body that was not Cloudflare's envelope, for error messages.
 * Such a body can be the truncated answer of a create or roll, which holds a token value: calls whose
 * answer carries a secret never get an excerpt at all ({@link #WITHHELD}). For every other body, token
 * values are 40 to 80 characters of letters, digits, {@code -} and {@code _}, so:
 *
 * <ul>
 *   <li>the string after {@code "value":} and after {@code "result":} is masked whatever its length (a
 *       value cut short by a truncated body is still a secret's prefix);
 *   <li>every run of 40 or more token characters is masked;
 *   <li>a run of 20 or more token characters at the end of what is shown is masked too, because the cut
 *       (ours, or the body's own truncation) may have shortened a longer run below 40.
 * </ul>
 *
 * Ids (32 hex characters) stay readable unless they happen to touch the cut.
 */
final class BodyExcerpt {
    static final int MAX_LENGTH = 200;
    static final String WITHHELD = "the body is withheld because it may hold the token value";
    static final String MASK = "****";
    private static final Pattern SECRET_LIKE = Pattern.compile("[A-Za-z0-9_\\-]{40,}");
    private static final Pattern SECRET_LIKE_AT_CUT = Pattern.compile("[A-Za-z0-9_\\-]{20,}$");
    // The string value of "value" or "result", up to its closing quote or, in a truncated body, the end.
    private static final Pattern SECRET_FIELD =
            Pattern.compile("(\"(?:value|result)\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\"|\\\\?$)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private BodyExcerpt() {}

    static String of(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String flat = WHITESPACE.matcher(body.strip()).replaceAll(" ");
        String redacted = SECRET_FIELD.matcher(flat).replaceAll("$1" + MASK + "$2");
        redacted = SECRET_LIKE.matcher(redacted).replaceAll(MASK);
        boolean cut = redacted.length() > MAX_LENGTH;
        String shown = cut ? redacted.substring(0, MAX_LENGTH) : redacted;
        shown = SECRET_LIKE_AT_CUT.matcher(shown).replaceAll(MASK);
        return cut ? shown + "..." : shown;
    }
}
