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
        String message = String.valueOf(cause.getMessage());
        if (message.contains("rollAdopted")) {
            // The replica-safe default: another state created the token, and its value is not here.
            return analysis(
                    message,
                    "Share one state between every instance of the application: set cftokens.state (or"
                            + " CFTOKENS_STATE) to a jdbc:postgresql: URL, or to \"datasource\", with cftokens.key."
                            + " Or set cftokens.roll-adopted=true to roll the token, which breaks every other"
                            + " holder of its current value.",
                    cause);
        }
        return analysis(
                message,
                "Fix the declarations or the account as the reason says. Every change that was made is recorded"
                        + " in the state (cftokens.state), so the next start continues from there. " + DISABLE,
                cause);
    }
}
