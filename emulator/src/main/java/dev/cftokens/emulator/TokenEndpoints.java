package dev.cftokens.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cftokens.core.catalog.PermissionGroup;
import dev.cftokens.core.catalog.PermissionGroupCatalog;
import dev.cftokens.core.catalog.Scope;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.core.rules.Timestamps;
import dev.cftokens.emulator.access.Caller;
import dev.cftokens.emulator.access.Permissions;
import dev.cftokens.emulator.http.ApiException;
import dev.cftokens.emulator.http.ApiRequest;
import dev.cftokens.emulator.http.ApiResponse;
import dev.cftokens.emulator.http.ErrorCodes;
import dev.cftokens.emulator.http.Json;
import dev.cftokens.emulator.http.Router;
import dev.cftokens.emulator.tokens.StoredToken;
import dev.cftokens.emulator.tokens.TokenBody;
import dev.cftokens.emulator.tokens.TokenBodyReader;
import dev.cftokens.emulator.tokens.TokenResponses;
import dev.cftokens.emulator.tokens.TokenStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The token endpoints, once for account-owned tokens and once for user-owned ones. */
final class TokenEndpoints {
    static final int DEFAULT_PER_PAGE = 20;
    static final int MIN_PER_PAGE = 5;
    static final int MAX_PER_PAGE = 50;

    private final Identity identity;
    private final PermissionGroupCatalog catalog;
    private final TokenStore store;
    private final TokenBodyReader reader;
    private final TokenResponses json;
    private final Permissions permissions;

    TokenEndpoints(Identity identity, PermissionGroupCatalog catalog, TokenStore store, Permissions permissions) {
        this.identity = identity;
        this.catalog = catalog;
        this.store = store;
        this.permissions = permissions;
        // Bodies are read and answers written against the same catalog and the same account and user.
        this.reader = new TokenBodyReader(catalog, identity.accountId(), identity.userId());
        this.json = new TokenResponses(catalog);
    }

    void register(Router<Endpoint> router) {
        for (TokenOwner owner : TokenOwner.values()) {
            String base = owner == TokenOwner.ACCOUNT ? "/accounts/{account_id}/tokens" : "/user/tokens";
            router.add("GET", base, new Endpoint(RequestKind.LIST_TOKENS, (r, c) -> list(owner, r, c)));
            router.add("POST", base, new Endpoint(RequestKind.CREATE_TOKEN, (r, c) -> create(owner, r, c)));
            router.add("GET", base + "/verify", new Endpoint(RequestKind.VERIFY_TOKEN, (r, c) -> verify(owner, r, c)));
            router.add(
                    "GET",
                    base + "/permission_groups",
                    new Endpoint(RequestKind.LIST_PERMISSION_GROUPS, (r, c) -> permissionGroups(owner, r, c)));
            router.add("GET", base + "/{token_id}", new Endpoint(RequestKind.GET_TOKEN, (r, c) -> get(owner, r, c)));
            router.add(
                    "PUT", base + "/{token_id}", new Endpoint(RequestKind.UPDATE_TOKEN, (r, c) -> update(owner, r, c)));
            router.add(
                    "DELETE",
                    base + "/{token_id}",
                    new Endpoint(RequestKind.DELETE_TOKEN, (r, c) -> delete(owner, r, c)));
            router.add(
                    "PUT",
                    base + "/{token_id}/value",
                    new Endpoint(RequestKind.ROLL_TOKEN, (r, c) -> roll(owner, r, c)));
        }
    }

    private ApiResponse list(TokenOwner owner, ApiRequest request, Caller caller) {
        requireRead(owner, request, caller, "list");
        int page = request.intQuery("page", 1, 1, Integer.MAX_VALUE);
        int perPage = request.intQuery("per_page", DEFAULT_PER_PAGE, MIN_PER_PAGE, MAX_PER_PAGE);
        String direction = request.query("direction");
        if (direction != null && !direction.equals("asc") && !direction.equals("desc")) {
            throw ApiException.validation("direction \"" + direction + "\" is not \"asc\" or \"desc\"");
        }
        boolean includeExpired = request.booleanQuery("include_expired");
        Instant now = store.now();
        List<StoredToken> tokens = new ArrayList<>();
        for (StoredToken token : store.list(owner)) {
            if (includeExpired || token.statusAt(now) != TokenStatus.EXPIRED) {
                tokens.add(token);
            }
        }
        if ("desc".equals(direction)) {
            Collections.reverse(tokens);
        }
        int total = tokens.size();
        long from = (long) (page - 1) * perPage;
        ArrayNode result = Json.array();
        for (long i = from; i < Math.min(total, from + perPage); i++) {
            result.add(json.token(tokens.get((int) i), now));
        }
        ObjectNode info = Json.object();
        info.put("page", page);
        info.put("per_page", perPage);
        info.put("count", result.size());
        info.put("total_count", total);
        info.put("total_pages", (total + perPage - 1) / perPage);
        return ApiResponse.list(result, info);
    }

    private ApiResponse get(TokenOwner owner, ApiRequest request, Caller caller) {
        requireRead(owner, request, caller, "read");
        String id = Identity.tokenId(request);
        StoredToken token = store.get(owner, id).orElseThrow(() -> TokenStore.unknownToken(id));
        return ApiResponse.ok(json.token(token, store.now()));
    }

    private ApiResponse create(TokenOwner owner, ApiRequest request, Caller caller) {
        requireWrite(owner, request, caller, "create");
        TokenBody body = reader.read(Json.parse(request.body(), "request body"), owner, true);
        TokenStore.Created created = store.create(owner, body);
        return ApiResponse.ok(json.created(created, store.now()));
    }

    private ApiResponse update(TokenOwner owner, ApiRequest request, Caller caller) {
        requireWrite(owner, request, caller, "update");
        String id = Identity.tokenId(request);
        store.get(owner, id).orElseThrow(() -> TokenStore.unknownToken(id));
        TokenBody body = reader.read(Json.parse(request.body(), "request body"), owner, false);
        return ApiResponse.ok(json.token(store.update(owner, id, body), store.now()));
    }

    private ApiResponse delete(TokenOwner owner, ApiRequest request, Caller caller) {
        requireWrite(owner, request, caller, "delete");
        String id = Identity.tokenId(request);
        store.delete(owner, id);
        ObjectNode result = Json.object();
        result.put("id", id);
        return ApiResponse.ok(result);
    }

    private ApiResponse roll(TokenOwner owner, ApiRequest request, Caller caller) {
        requireWrite(owner, request, caller, "roll");
        String id = Identity.tokenId(request);
        store.get(owner, id).orElseThrow(() -> TokenStore.unknownToken(id));
        byte[] raw = request.body();
        if (raw.length > 0 && !new String(raw, StandardCharsets.UTF_8).isBlank()) {
            JsonNode body = Json.parse(raw, "request body");
            if (!body.isObject() || !body.isEmpty()) {
                throw ApiException.validation("rolling a token takes no body or {}, not " + Json.show(body));
            }
        }
        return ApiResponse.ok(TextNode.valueOf(store.roll(owner, id)));
    }

    private ApiResponse verify(TokenOwner owner, ApiRequest request, Caller caller) {
        if (owner == TokenOwner.ACCOUNT) {
            identity.requireAccount(request);
        }
        if (!caller.isToken()) {
            throw ApiException.unauthorized("verify checks an API token, but this request was authenticated with "
                    + "the global API key; send Authorization: Bearer <API token>");
        }
        TokenOwner callerOwner = caller.tokenOwner();
        if (callerOwner != owner) {
            throw ApiException.unauthorized("Unauthorized to access requested resource: token " + caller.tokenId()
                    + " is "
                    + (callerOwner == TokenOwner.ACCOUNT
                            ? "account-owned; verify it at /accounts/{account_id}/tokens/verify"
                            : "user-owned; verify it at /user/tokens/verify"));
        }
        ObjectNode result = Json.object();
        result.put("id", caller.tokenId());
        StoredToken token = caller.token();
        if (token == null) {
            result.put("status", TokenStatus.ACTIVE.wireName());
        } else {
            result.put("status", token.statusAt(store.now()).wireName());
            if (token.notBefore() != null) {
                result.put("not_before", Timestamps.format(token.notBefore()));
            }
            if (token.expiresOn() != null) {
                result.put("expires_on", Timestamps.format(token.expiresOn()));
            }
        }
        return ApiResponse.ok(result).withMessage(ErrorCodes.AUTHENTICATION, "This API Token is valid and active");
    }

    private ApiResponse permissionGroups(TokenOwner owner, ApiRequest request, Caller caller) {
        requireRead(owner, request, caller, "list permission groups");
        String name = request.query("name");
        String scope = request.query("scope");
        ArrayNode result = Json.array();
        for (PermissionGroup group : catalog.groups()) {
            // The account path offers what account-owned tokens can hold; user tokens can hold every group.
            if (owner == TokenOwner.ACCOUNT && group.scopes().stream().allMatch(s -> s == Scope.USER)) {
                continue;
            }
            if (name != null && !name.equals(group.name())) {
                continue;
            }
            if (scope != null && group.scopes().stream().noneMatch(s -> s.key().equals(scope))) {
                continue;
            }
            ObjectNode node = result.addObject();
            node.put("id", group.id());
            node.put("name", group.name());
            ArrayNode scopes = node.putArray("scopes");
            group.scopes().stream().sorted().forEach(s -> scopes.add(s.key()));
        }
        return ApiResponse.ok(result);
    }

    private void requireRead(TokenOwner owner, ApiRequest request, Caller caller, String action) {
        require(owner, request, caller, action, "Read", "Write");
    }

    private void requireWrite(TokenOwner owner, ApiRequest request, Caller caller, String action) {
        require(owner, request, caller, action, "Write");
    }

    /**
     * Account-owned tokens need one of the account's "Account API Tokens {level}" groups, user-owned ones
     * one of the user's "API Tokens {level}" groups.
     */
    private void require(TokenOwner owner, ApiRequest request, Caller caller, String action, String... levels) {
        boolean account = owner == TokenOwner.ACCOUNT;
        if (account) {
            identity.requireAccount(request);
        }
        String prefix = account ? "Account API Tokens " : "API Tokens ";
        permissions.require(
                caller,
                account ? identity.accountResourceKey() : identity.userResourceKey(),
                action + (account ? " account-owned tokens" : " user-owned tokens"),
                java.util.Arrays.stream(levels).map(prefix::concat).toArray(String[]::new));
    }
}
