package dev.cftokens.emulator;

import dev.cftokens.core.rules.ResourceKey;
import dev.cftokens.emulator.http.ApiException;
import dev.cftokens.emulator.http.ApiRequest;
import dev.cftokens.emulator.http.ErrorCodes;

/** The emulator's one account and one user, and the checks of the ids a path names. */
record Identity(String accountId, String accountName, String userId, String userEmail) {

    String accountResourceKey() {
        return "com.cloudflare.api.account." + accountId;
    }

    String userResourceKey() {
        return "com.cloudflare.api.user." + userId;
    }

    /** The path's account, which must be 32 hex characters (else no route) and this account (else 403). */
    void requireAccount(ApiRequest request) {
        String id = request.pathParam("account_id");
        if (!ResourceKey.isHexId(id)) {
            throw new ApiException(
                    404,
                    ErrorCodes.NO_ROUTE,
                    "Could not route to " + request.path()
                            + ", perhaps your object identifier is invalid? (account_id \"" + id
                            + "\" is not 32 hex characters)");
        }
        if (!id.equals(accountId)) {
            throw ApiException.unauthorized("Unauthorized to access requested resource: account " + id
                    + " is not an account of these credentials");
        }
    }

    /** A token id from the path: at most 32 characters, else Cloudflare cannot route it. */
    static String tokenId(ApiRequest request) {
        String id = request.pathParam("token_id");
        if (id.length() > 32) {
            throw new ApiException(
                    404,
                    ErrorCodes.NO_ROUTE,
                    "Could not route to " + request.path()
                            + ", perhaps your object identifier is invalid? (token_id is " + id.length()
                            + " characters long; at most 32)");
        }
        return id;
    }
}
