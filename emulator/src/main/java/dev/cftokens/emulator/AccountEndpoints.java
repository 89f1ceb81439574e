package dev.cftokens.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.rules.Timestamps;
import dev.cftokens.emulator.access.Caller;
import dev.cftokens.emulator.access.Permissions;
import dev.cftokens.emulator.http.ApiException;
import dev.cftokens.emulator.http.ApiRequest;
import dev.cftokens.emulator.http.ApiResponse;
import dev.cftokens.emulator.http.ErrorCodes;
import dev.cftokens.emulator.http.Json;
import dev.cftokens.emulator.http.Router;
import dev.cftokens.emulator.tokens.StoredPolicy;
import java.time.Instant;

/** {@code GET /accounts} (account discovery) and {@code GET /user}. */
final class AccountEndpoints {
    private final Identity identity;
    private final Permissions permissions;
    private final Instant createdOn;

    AccountEndpoints(Identity identity, Permissions permissions, Instant createdOn) {
        this.identity = identity;
        this.permissions = permissions;
        this.createdOn = createdOn;
    }

    void register(Router<Endpoint> router) {
        router.add("GET", "/accounts", new Endpoint(RequestKind.LIST_ACCOUNTS, this::accounts));
        router.add("GET", "/user", new Endpoint(RequestKind.GET_USER, this::user));
    }

    private ApiResponse accounts(ApiRequest request, Caller caller) {
        if (caller.isAccountOwnedToken()) {
            // As Cloudflare: account-owned tokens cannot discover accounts; the caller must name one.
            throw new ApiException(
                    400,
                    ErrorCodes.VALIDATION,
                    "Cannot list accounts with an account-owned API token " + caller.tokenId()
                            + "; give the account id instead (CLOUDFLARE_ACCOUNT_ID)");
        }
        int page = request.intQuery("page", 1, 1, Integer.MAX_VALUE);
        int perPage = request.intQuery(
                "per_page", TokenEndpoints.DEFAULT_PER_PAGE, TokenEndpoints.MIN_PER_PAGE, TokenEndpoints.MAX_PER_PAGE);
        boolean visible = caller.hasAllRights() || reachesAccount(caller);
        ArrayNode result = Json.array();
        if (visible && page == 1) {
            ObjectNode account = result.addObject();
            account.put("id", identity.accountId());
            account.put("name", identity.accountName());
            account.put("type", "standard");
            account.put("created_on", Timestamps.format(createdOn));
            account.putObject("settings").put("enforce_twofactor", false);
        }
        ObjectNode info = Json.object();
        info.put("page", page);
        info.put("per_page", perPage);
        info.put("count", result.size());
        info.put("total_count", visible ? 1 : 0);
        info.put("total_pages", visible ? 1 : 0);
        return ApiResponse.list(result, info);
    }

    /** A user-owned token sees the account when an allow policy grants something on or within it. */
    private boolean reachesAccount(Caller caller) {
        for (StoredPolicy policy : caller.token().policies()) {
            if (policy.effect() != PolicyEffect.ALLOW) {
                continue;
            }
            for (ResourceGrant grant : policy.resources()) {
                if (grant.key().equals(identity.accountResourceKey())
                        || grant.key().equals("com.cloudflare.api.account.*")
                        || grant.key().startsWith("com.cloudflare.edge.r2.bucket." + identity.accountId() + "_")) {
                    return true;
                }
            }
        }
        return false;
    }

    private ApiResponse user(ApiRequest request, Caller caller) {
        if (caller.isAccountOwnedToken()) {
            throw ApiException.unauthorized("Unauthorized to access requested resource: account-owned token "
                    + caller.tokenId() + " cannot act as a user");
        }
        permissions.require(
                caller, identity.userResourceKey(), "read the user", "User Details Read", "User Details Write");
        ObjectNode user = Json.object();
        user.put("id", identity.userId());
        user.put("email", identity.userEmail());
        user.putNull("first_name");
        user.putNull("last_name");
        user.put("two_factor_authentication_enabled", false);
        user.put("suspended", false);
        return ApiResponse.ok(user);
    }
}
