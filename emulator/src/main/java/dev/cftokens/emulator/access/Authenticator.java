package dev.cftokens.emulator.access;

import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.emulator.http.ApiException;
import dev.cftokens.emulator.http.ApiRequest;
import dev.cftokens.emulator.http.ErrorCodes;
import dev.cftokens.emulator.http.ErrorDetail;
import dev.cftokens.emulator.tokens.StoredToken;
import dev.cftokens.emulator.tokens.TokenStore;
import dev.cftokens.emulator.tokens.TokenValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Turns a request's credentials into a {@link Caller}, as Cloudflare does: a Bearer API token, or the
 * global API key with its e-mail. Compares only SHA-256 hashes; never echoes a credential.
 */
public final class Authenticator {
    private final TokenStore store;
    private final String adminTokenHash;
    private final String adminTokenId;
    private final String userEmail;
    private final String globalKeyHash;

    /**
     * An authenticator for the emulator's tokens, admin token and global API key.
     *
     * @param store the issued tokens, looked up by the hash of a Bearer value
     * @param adminTokenHash the hex SHA-256 of the admin token
     * @param adminTokenId the id verify reports for the admin token
     * @param userEmail the user's e-mail, for the global API key
     * @param globalKeyHash the hex SHA-256 of the global API key
     */
    public Authenticator(
            TokenStore store, String adminTokenHash, String adminTokenId, String userEmail, String globalKeyHash) {
        this.store = store;
        this.adminTokenHash = adminTokenHash;
        this.adminTokenId = adminTokenId;
        this.userEmail = userEmail;
        this.globalKeyHash = globalKeyHash;
    }

    /**
     * {@return who sent the request}
     *
     * @param request the request, with its Authorization or X-Auth-Key and X-Auth-Email headers
     * @throws ApiException a 400 for malformed credential headers, a 401 or 403 for missing, unknown or unusable ones
     */
    public Caller authenticate(ApiRequest request) {
        String authorization = request.header("Authorization");
        if (authorization != null) {
            return bearer(authorization, request);
        }
        String key = request.header("X-Auth-Key");
        String email = request.header("X-Auth-Email");
        if (key != null || email != null) {
            return globalKey(email, key);
        }
        throw new ApiException(
                401,
                ErrorCodes.AUTHENTICATION,
                "Authentication error: no credentials; send \"Authorization: Bearer <API token>\", "
                        + "or X-Auth-Email and X-Auth-Key");
    }

    private Caller bearer(String authorization, ApiRequest request) {
        String value = null;
        if (authorization.length() > 7
                && authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            value = authorization.substring(7).trim();
        }
        if (value == null || !TokenValues.looksLikeValue(value)) {
            throw invalidHeaders(
                    ErrorCodes.BAD_AUTHORIZATION_FORMAT,
                    "Invalid format for Authorization header: expected \"Bearer <API token>\" "
                            + "with a token of 40 to 80 characters of [A-Za-z0-9_-]");
        }
        String hash = TokenValues.hash(value);
        if (equalHashes(hash, adminTokenHash)) {
            return new Caller(Caller.Kind.ADMIN_TOKEN, adminTokenId, null, "token:" + adminTokenId);
        }
        StoredToken token = store.findByValueHash(hash)
                .orElseThrow(() -> new ApiException(
                        401,
                        ErrorCodes.AUTHENTICATION,
                        "Authentication error: the API token is not valid (unknown, deleted or rolled)"));
        checkUsable(token, store.now());
        RequestIpCheck.check(token, request.remoteAddress());
        store.markUsed(token.id());
        return new Caller(Caller.Kind.ISSUED_TOKEN, token.id(), token, "token:" + token.id());
    }

    private static void checkUsable(StoredToken token, Instant now) {
        TokenStatus status = token.statusAt(now);
        if (status == TokenStatus.DISABLED) {
            throw new ApiException(
                    401,
                    ErrorCodes.AUTHENTICATION,
                    "Authentication error: the API token " + token.id() + " is disabled");
        }
        if (status == TokenStatus.EXPIRED) {
            throw new ApiException(
                    401,
                    ErrorCodes.AUTHENTICATION,
                    "Authentication error: the API token " + token.id() + " has expired"
                            + (token.expiresOn() != null ? " (expires_on " + token.expiresOn() + ")" : ""));
        }
        if (token.notBefore() != null && now.isBefore(token.notBefore())) {
            throw new ApiException(
                    401,
                    ErrorCodes.AUTHENTICATION,
                    "Authentication error: the API token " + token.id() + " is not valid before " + token.notBefore());
        }
    }

    private Caller globalKey(String email, String key) {
        if (email == null || key == null) {
            int code = email == null ? ErrorCodes.MISSING_AUTH_EMAIL : ErrorCodes.MISSING_AUTH_KEY;
            String missing = email == null ? "X-Auth-Email" : "X-Auth-Key";
            throw invalidHeaders(
                    code, "Missing " + missing + " header: the global API key needs both X-Auth-Email and X-Auth-Key");
        }
        if (userEmail == null
                || globalKeyHash == null
                || !userEmail.equalsIgnoreCase(email.trim())
                || !equalHashes(TokenValues.hash(key.trim()), globalKeyHash)) {
            throw new ApiException(403, ErrorCodes.UNKNOWN_GLOBAL_KEY, "Unknown X-Auth-Key or X-Auth-Email");
        }
        return new Caller(Caller.Kind.GLOBAL_API_KEY, null, null, "key:" + userEmail.toLowerCase(Locale.ROOT));
    }

    /** Cloudflare's 400 for bad credentials headers: code 6003, with what is wrong in its error_chain. */
    private static ApiException invalidHeaders(int code, String message) {
        return new ApiException(
                400,
                List.of(new ErrorDetail(
                        ErrorCodes.INVALID_HEADERS,
                        "Invalid request headers",
                        List.of(new ErrorDetail(code, message)))));
    }

    private static boolean equalHashes(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
