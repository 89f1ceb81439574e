package dev.cftokens.spring.diagnostics;

import dev.cftokens.runtime.CloudflareApiException;
import dev.cftokens.runtime.CloudflareException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The Cloudflare client is configured wrongly, or Cloudflare refused or did not answer its requests.
 * Runtime messages name the variable to fix and never hold a credential.
 */
final class CloudflareFailureAnalyzer extends CftokensFailureAnalyzer<CloudflareException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CloudflareException cause) {
        String action;
        if (cause instanceof CloudflareApiException api && (api.status() == 401 || api.status() == 403)) {
            action = "Cloudflare refused the credentials: check that CLOUDFLARE_API_TOKEN (cftokens.api-token) is a"
                    + " valid, active API token that may create API tokens (permission \"API Tokens Write\") in"
                    + " the account of CLOUDFLARE_ACCOUNT_ID (cftokens.account-id).";
        } else {
            action = "Check cftokens.api-token, cftokens.account-id and cftokens.base-url (or CLOUDFLARE_API_TOKEN,"
                    + " CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_BASE_URL), and that Cloudflare's API is reachable.";
        }
        return analysis(cause.getMessage(), action + " " + DISABLE, cause);
    }
}
