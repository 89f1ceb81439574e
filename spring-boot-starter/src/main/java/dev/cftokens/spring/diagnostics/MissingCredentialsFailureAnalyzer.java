package dev.cftokens.spring.diagnostics;

import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.spring.MissingCredentialsException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** No Cloudflare credentials: names the property and the variable that give them. */
final class MissingCredentialsFailureAnalyzer extends CftokensFailureAnalyzer<MissingCredentialsException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingCredentialsException cause) {
        return analysis(
                cause.getMessage() + ".",
                "Set the " + Cloudflare.ENV_API_TOKEN
                        + " variable (or the cftokens.api-token property, from a secret store,"
                        + " not a committed file) to an API token that may create API tokens (permission"
                        + " \"API Tokens Write\"). " + DISABLE,
                cause);
    }
}
