package dev.cftokens.runtime.http;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Secret;
import okhttp3.Request;

/**
 * How requests authenticate: an API token ({@code Authorization: Bearer}) or the global API key with
 * its e-mail ({@code X-Auth-Key}, {@code X-Auth-Email}). The secret stays a {@link Secret} until the
 * moment a header is written, and {@link #toString()} never shows it.
 */
public abstract class ApiCredentials {
  private ApiCredentials() {}

  public static ApiCredentials apiToken(Secret token) {
    return new ApiToken(requireNonNull(token, "token"));
  }

  public static ApiCredentials globalApiKey(String email, Secret key) {
    return new GlobalApiKey(requireNonNull(email, "email"), requireNonNull(key, "key"));
  }

  /** Adds the authentication headers to {@code request}. */
  abstract void authenticate(Request.Builder request);

  private static final class ApiToken extends ApiCredentials {
    private final Secret token;

    ApiToken(Secret token) {
      this.token = token;
    }

    @Override
    void authenticate(Request.Builder request) {
      request.header("Authorization", "Bearer " + token.reveal());
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
    void authenticate(Request.Builder request) {
      request.header("X-Auth-Email", email);
      request.header("X-Auth-Key", key.reveal());
    }

    @Override
    public String toString() {
      return "global API key " + key + " of " + email;
    }
  }
}
