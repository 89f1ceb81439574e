package dev.cftokens.runtime.internal.provision;

import dev.cftokens.runtime.CloudflareApiException;
import dev.cftokens.runtime.TokenApi;

/** Tells a request that failed because its token no longer exists from any other failure. */
final class GoneTokens {
    private GoneTokens() {}

    /**
     * True when {@code failure} happened because the token no longer exists. Cloudflare does not document
     * its answer for an unknown token id (404, or 400 with code 1001, are both seen), so anything but a
     * 404 is confirmed with a GET before the token is taken for gone.
     */
    static boolean isGone(TokenApi api, String tokenId, CloudflareApiException failure) {
        if (failure.status() == 404) {
            return true;
        }
        if (failure.status() != 400) {
            return false;
        }
        try {
            api.get(tokenId);
            return false;
        } catch (CloudflareApiException e) {
            return e.status() == 404 || e.status() == 400;
        }
    }
}
