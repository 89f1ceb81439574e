package dev.cftokens.spring.diagnostics;

import dev.cftokens.runtime.provision.ProvisioningException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Cloudflare refused what a declaration asks for (a permission group the account does not offer), a change
 * failed, or a token another state created would have to be rolled. The runtime's message names each token
 * and the setting that fixes it ({@code cftokens.roll-adopted}, a shared {@code cftokens.state}), so the
 * action points to it rather than guessing from the message's words.
 */
final class ProvisioningFailureAnalyzer extends CftokensFailureAnalyzer<ProvisioningException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProvisioningException cause) {
        String message = String.valueOf(cause.getMessage());
        return analysis(
                message,
                "Fix the declarations or the account as the reason says. Every change that was made is recorded"
                        + " in the state (cftokens.state), so the next start continues from there. " + DISABLE,
                cause);
    }
}
