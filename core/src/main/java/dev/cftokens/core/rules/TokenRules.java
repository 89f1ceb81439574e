package dev.cftokens.core.rules;

import static dev.cftokens.core.rules.Subject.quote;
import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/** Cloudflare's rules for a token's name, and the project's rule for a token's logical id. */
public final class TokenRules {
    /** Cloudflare's limit on a token name, in characters (Unicode code points). */
    public static final int MAX_NAME_LENGTH = 120;

    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private TokenRules() {}

    /**
     * Checks a token name: not blank, at most {@value #MAX_NAME_LENGTH} characters, no control
     * characters, no leading or trailing whitespace. The last two are not documented Cloudflare rules;
     * they are rejected because a name Cloudflare trims or mangles would never compare equal to the
     * declared one.
     *
     * @param name the name as declared
     * @return {@code name}
     * @throws InvalidValueException saying what is wrong with the name
     */
    public static String checkName(String name) {
        requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new InvalidValueException(
                    name,
                    "token name " + quote(name) + " is blank; Cloudflare needs a name of 1 to " + MAX_NAME_LENGTH
                            + " characters");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_NAME_LENGTH) {
            throw new InvalidValueException(
                    name,
                    "token name " + quote(name) + " has " + length + " characters; Cloudflare allows at most "
                            + MAX_NAME_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidValueException(
                        name,
                        "token name " + quote(name) + " contains the control character "
                                + String.format("U+%04X", (int) c)
                                + "; write the name on one line without control characters");
            }
        }
        if (!name.strip().equals(name)) {
            throw new InvalidValueException(
                    name,
                    "token name " + quote(name) + " has leading or trailing whitespace; write " + quote(name.strip()));
        }
        return name;
    }

    /**
     * {@return true for lowercase letters and digits in words joined by single hyphens, such as {@code
     * readonly-token}}
     *
     * @param text the text to check
     */
    public static boolean isKebabCase(String text) {
        requireNonNull(text, "text");
        return KEBAB_CASE.matcher(text).matches();
    }

    /**
     * Checks a token's logical id (the stable key provisioning state is kept under): kebab case.
     *
     * @param id the id as declared
     * @return {@code id}
     * @throws InvalidValueException with the kebab-case spelling as the hint
     */
    public static String checkId(String id) {
        requireNonNull(id, "id");
        if (isKebabCase(id)) {
            return id;
        }
        String suggestion = kebabCase(id);
        throw new InvalidValueException(
                id,
                "token id " + quote(id) + " is not kebab case (lowercase letters and digits"
                        + " in words joined by single hyphens)"
                        + (isKebabCase(suggestion)
                                ? "; write " + quote(suggestion)
                                : "; write it like \"readonly-token\""));
    }

    /**
     * The kebab-case form of a Java simple name, the default token id: {@code ReadonlyToken} → {@code
     * readonly-token}. A new word starts at a capital after a lowercase letter or digit ({@code
     * R2StorageToken} → {@code r2-storage-token}) and at the last capital of an acronym followed by a
     * lowercase letter ({@code APIToken} → {@code api-token}); digits stay with the word before them.
     * Characters other than letters and digits ({@code _}, {@code $}) separate words. The result may
     * still not be kebab case for names with non-ASCII letters; check it with {@link #isKebabCase}.
     *
     * @param simpleName a Java simple name
     * @return its kebab-case form
     */
    public static String kebabCase(String simpleName) {
        requireNonNull(simpleName, "simpleName");
        StringBuilder kebab = new StringBuilder(simpleName.length() + 4);
        boolean separate = false;
        for (int i = 0; i < simpleName.length(); i++) {
            char c = simpleName.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                separate = true;
                continue;
            }
            if (i > 0 && Character.isUpperCase(c)) {
                char previous = simpleName.charAt(i - 1);
                boolean acronymEnds = Character.isUpperCase(previous)
                        && i + 1 < simpleName.length()
                        && Character.isLowerCase(simpleName.charAt(i + 1));
                if (Character.isLowerCase(previous) || Character.isDigit(previous) || acronymEnds) {
                    separate = true;
                }
            }
            if (separate && kebab.length() > 0) {
                kebab.append('-');
            }
            separate = false;
            kebab.append(Character.toLowerCase(c));
        }
        return kebab.toString();
    }
}
