package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cftokens.core.catalog.CatalogFormatException;
import dev.cftokens.core.catalog.PermissionGroup;
import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenSpec;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.runtime.internal.http.ApiTransport;
import dev.cftokens.runtime.internal.http.Envelope;
import dev.cftokens.runtime.internal.http.Paging;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Cloudflare's token API for one owner: account-owned tokens under {@code /accounts/{id}/tokens} or
 * user-owned tokens under {@code /user/tokens}. Obtained from {@link Cloudflare#accountTokens()} or
 * {@link Cloudflare#userTokens()}; immutable and thread-safe. Every method is one request (lists: one per
 * page) and throws {@link CloudflareException} subtypes on failure.
 */
public final class TokenApi {
    private static final Pattern TOKEN_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,32}");

    private final ApiTransport transport;
    private final TokenOwner owner;
    private final Supplier<String> accountId;

    TokenApi(ApiTransport transport, TokenOwner owner, Supplier<String> accountId) {
        this.transport = requireNonNull(transport, "transport");
        this.owner = requireNonNull(owner, "owner");
        this.accountId = requireNonNull(accountId, "accountId");
    }

    /**
     * {@return whose tokens these are: the account's or the user's}
     */
    public TokenOwner owner() {
        return owner;
    }

    /** {@return the tokens that have not expired, fetched lazily, 50 per request} */
    public Stream<Token> list() {
        return list(false);
    }

    /**
     * {@return every token (also expired ones when {@code includeExpired}), fetched lazily, 50 per request}
     *
     * @param includeExpired true to list expired tokens too
     */
    public Stream<Token> list(boolean includeExpired) {
        return list(includeExpired, 0);
    }

    /**
     * {@return every token (also expired ones when {@code includeExpired}), fetched lazily, 50 per request, the
     * pages that {@code expected} tokens fill requested together at first}
     *
     * @param includeExpired true to list expired tokens too
     * @param expected how many tokens the caller expects there to be, 0 when it has no idea
     */
    public Stream<Token> list(boolean includeExpired, int expected) {
        return Paging.stream(
                page -> {
                    Map<String, String> query = new LinkedHashMap<>();
                    query.put("page", Integer.toString(page));
                    query.put("per_page", Integer.toString(Paging.PER_PAGE));
                    query.put("direction", "asc");
                    query.put("include_expired", Boolean.toString(includeExpired));
                    // base() here, not before: even account discovery waits until the first element is wanted.
                    return transport.get(base(), query);
                },
                TokenJson::token,
                expected);
    }

    /**
     * {@return the token with this id; a 404 is a {@link CloudflareApiException}}
     *
     * @param id Cloudflare's id of the token
     */
    public Token get(String id) {
        Envelope envelope = transport.get(base() + "/" + checkId(id), Map.of());
        return TokenJson.token(envelope.result(), envelope);
    }

    /**
     * Creates a token. The answer's value is the only time Cloudflare shows it.
     *
     * @param spec the token to create
     * @return the token as created, with its value
     * @throws CloudflareOutcomeUnknownException when the create may have happened without an answer to show for it
     */
    public CreatedToken create(TokenSpec spec) {
        requireNonNull(spec, "spec");
        String path = base();
        Envelope envelope = transport.sendJsonForSecret("POST", path, TokenJson.body(spec, null));
        try {
            Token token = TokenJson.token(envelope.result(), envelope);
            JsonNode value = envelope.result().get("value");
            if (value == null || !value.isTextual() || value.asText().isEmpty()) {
                throw envelope.malformed("the created token " + token.id() + " came without its \"value\"");
            }
            return new CreatedToken(token, Secret.of(value.asText()));
        } catch (CloudflareApiException unusable) {
            // Created, but the answer is unusable: to the caller that is as unknown as a lost answer.
            throw new CloudflareOutcomeUnknownException(
                    "POST", path, "succeeded with an answer it cannot use", unusable);
        }
    }

    /**
     * Replaces the token's name, policies, condition and validity; its status stays as it is.
     *
     * @param id Cloudflare's id of the token
     * @param spec what the token is to grant
     * @return the token as Cloudflare reports it after the update
     */
    public Token update(String id, TokenSpec spec) {
        return update(id, spec, null);
    }

    /**
     * Replaces the token's name, policies, condition and validity, and sets its status (null: unchanged).
     *
     * @param id Cloudflare's id of the token
     * @param spec what the token is to grant
     * @param status the status to set, or null to leave it
     * @return the token as Cloudflare reports it after the update
     */
    public Token update(String id, TokenSpec spec, TokenStatus status) {
        requireNonNull(spec, "spec");
        Envelope envelope = transport.sendJson("PUT", base() + "/" + checkId(id), TokenJson.body(spec, status));
        return TokenJson.token(envelope.result(), envelope);
    }

    /**
     * Deletes the token; it stops working at once. A token that is already gone is an error, except when
     * the delete had to be repeated after an attempt that got no answer: then "no such token" means that
     * attempt deleted it, and this returns normally.
     *
     * @param id Cloudflare's id of the token
     */
    public void delete(String id) {
        try {
            transport.sendJson("DELETE", base() + "/" + checkId(id), null);
        } catch (CloudflareApiException e) {
            // Cloudflare answers an unknown token id with 400 (sometimes 404); only after a repeat is that success.
            if (!(e.repeated() && (e.status() == 400 || e.status() == 404))) {
                throw e;
            }
        }
    }

    /**
     * Gives the token a new secret value and returns it; the old value stops working. Repeated after a lost
     * answer like any PUT: a second roll is harmless, since only the value it returns is valid afterwards.
     *
     * @param id Cloudflare's id of the token
     * @return the new value
     */
    public Secret roll(String id) {
        Envelope envelope = transport.sendJsonForSecret(
                "PUT", base() + "/" + checkId(id) + "/value", JsonNodeFactory.instance.objectNode());
        JsonNode value = envelope.result();
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw envelope.malformed("the roll of token " + id + " did not return the new value as a string");
        }
        return Secret.of(value.asText());
    }

    /**
     * Checks the credentials the client authenticates with (an API token) and reports on it.
     *
     * @return the token's id, status and validity
     */
    public TokenVerification verify() {
        Envelope envelope = transport.get(base() + "/verify", Map.of());
        JsonNode result = envelope.result();
        if (!result.isObject() || !result.path("id").isTextual()) {
            throw envelope.malformed("verify did not return {\"id\", \"status\"}");
        }
        String id = result.get("id").asText();
        TokenStatus status;
        try {
            status = TokenStatus.fromWireName(result.path("status").asText(null));
        } catch (IllegalArgumentException e) {
            throw envelope.malformed("verify: " + e.getMessage());
        }
        return new TokenVerification(
                id,
                status,
                TokenJson.instant(result, "not_before", id, envelope),
                TokenJson.instant(result, "expires_on", id, envelope));
    }

    /**
     * The permission groups tokens of this owner can grant.
     *
     * @param nameFilter Cloudflare's {@code name} filter, or null for none
     * @param scopeFilter Cloudflare's {@code scope} filter (such as {@code com.cloudflare.api.account.zone}),
     *     or null for none
     * @return the groups, in Cloudflare's order
     */
    public List<PermissionGroup> permissionGroups(String nameFilter, String scopeFilter) {
        return permissionGroupCatalog(nameFilter, scopeFilter).groups();
    }

    /** Every permission group of this owner, as a catalog; one request. */
    PermissionGroupCatalog permissionGroupCatalog(String nameFilter, String scopeFilter) {
        Map<String, String> query = new LinkedHashMap<>();
        if (nameFilter != null) {
            query.put("name", nameFilter);
        }
        if (scopeFilter != null) {
            query.put("scope", scopeFilter);
        }
        String path = base() + "/permission_groups";
        Envelope envelope = transport.get(path, query);
        try {
            // One home for the group format: core's catalog reader, which also takes the API's answer.
            return PermissionGroupCatalog.fromJson(envelope.result(), "live permission groups (GET " + path + ")");
        } catch (CatalogFormatException e) {
            throw envelope.malformed(e.getMessage());
        }
    }

    private String base() {
        return owner == TokenOwner.USER ? "/user/tokens" : "/accounts/" + accountId.get() + "/tokens";
    }

    private static String checkId(String id) {
        requireNonNull(id, "id");
        if (!TOKEN_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a token id is 1 to 32 letters, digits, '-' or '_', not \"" + id + "\"");
        }
        return id;
    }

    @Override
    public String toString() {
        return "TokenApi{" + owner.name().toLowerCase(Locale.ROOT) + " tokens}";
    }
}
