package dev.cftokens.spring.diagnostics;

import dev.cftokens.runtime.provision.ProvisioningException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Cloudflare refused what a declaration asks for (a permission group the account does not offer) or a
 * change failed. The runtime's message names each token and what to do.
 */
public final class ProvisioningFailureAnalyzer extends CftokensFailureAnalyzer<ProvisioningException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProvisioningException cause) {
        return analysis(
                cause.getMessage(),
                "Fix the declarations or the account as the reason says. Every change that was made is recorded"
                        + " in the state (cftokens.state), so the next start continues from there. " + DISABLE,
                cause);
    }
}
