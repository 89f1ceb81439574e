package dev.cftokens.spring.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The shape every cftokens failure analysis shares: what startup could not do, why (the exception's own
 * message, which never holds a secret), and the property or variable to fix.
 */
abstract class CftokensFailureAnalyzer<T extends Throwable> extends AbstractFailureAnalyzer<T> {
    /** How every description starts. */
    static final String FAILED = "cftokens could not provision the application's Cloudflare tokens at startup.";

    /** Turns the startup run off, for an action's last resort. */
    static final String DISABLE = "Or set cftokens.enabled=false to start without provisioning.";

    static FailureAnalysis analysis(String reason, String action, Throwable cause) {
        return new FailureAnalysis(FAILED + "\n\nReason: " + reason, action, cause);
    }
}
