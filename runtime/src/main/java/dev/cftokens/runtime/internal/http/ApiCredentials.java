package dev.cftokens.runtime.internal.http;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Secret;
import java.util.Map;

/**
 * How requests authenticate: an API token ({@code Authorization: Bearer}) or the global API key with
 * its e-mail ({@code X-Auth-Key}, {@code X-Auth-Email}). The secret stays a {@link Secret} until the
 * moment a header is written, and {@link #toString()} never shows it.
 */
public abstract class ApiCredentials {
    private ApiCredentials() {}

    /**
     * {@return credentials sent as {@code Authorization: Bearer}}
     *
     * @param token the API token's value
     */
    public static ApiCredentials apiToken(Secret token) {
        return new ApiToken(requireNonNull(token, "token"));
    }

    /**
     * {@return credentials sent as {@code X-Auth-Email} and {@code X-Auth-Key}}
     *
     * @param email the e-mail address of the key's user
     * @param key the global API key
     */
    public static ApiCredentials globalApiKey(String email, Secret key) {
        return new GlobalApiKey(requireNonNull(email, "email"), requireNonNull(key, "key"));
    }

    /**
     * {@return no credentials: requests go out unauthenticated, so only a client that authenticates as a
     * token of its own (a service that reads its tokens from a shared state) is built with these}
     */
    public static ApiCredentials none() {
        return NONE;
    }

    /** {@return whether requests carry credentials at all} */
    public boolean present() {
        return this != NONE;
    }

    private static final ApiCredentials NONE = new ApiCredentials() {
        @Override
        void authenticate(Map<String, String> headers) {}

        @Override
        public String toString() {
            return "no credentials";
        }
    };

    /**
     * Why {@code value} cannot be sent in an HTTP header, or null when it can: credentials and the e-mail
     * must be visible ASCII ({@code 0x21}–{@code 0x7E}, so no spaces either). A pasted value often carries
     * an invisible character such as a zero-width space; HTTP clients refuse it on every request with a
     * message that quotes the whole header value, so it is caught here and described by position and code
     * point only, never by showing the value.
     *
     * @param value the credential or e-mail to check
     * @return such as {@code "character 42 is U+200B, not printable ASCII"}
     */
    public static String invalidHeaderCharacter(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                int codePoint = Character.codePointAt(value, i);
                String kind = c == ' ' ? "a space" : String.format("U+%04X", codePoint);
                return "character " + (i + 1) + " is " + kind + ", not printable ASCII";
            }
        }
        return null;
    }

    /** Adds the authentication headers to {@code headers}. */
    abstract void authenticate(Map<String, String> headers);

    private static final class ApiToken extends ApiCredentials {
        private final Secret token;

        ApiToken(Secret token) {
            this.token = token;
        }

        @Override
        void authenticate(Map<String, String> headers) {
            headers.put("Authorization", "Bearer " + token.reveal());
        }

        @Override
        public String toString() {
            return "API token " + token;
        }
    }

    private static final class GlobalApiKey extends ApiCredentials {
        private final String email;
        private final Secret key;

        GlobalApiKey(String email, Secret key) {
            this.email = email;
            this.key = key;
        }

        @Override
        void authenticate(Map<String, String> headers) {
            headers.put("X-Auth-Email", email);
            headers.put("X-Auth-Key", key.reveal());
        }

        @Override
        public String toString() {
            return "global API key " + key + " of " + email;
        }
    }
}
