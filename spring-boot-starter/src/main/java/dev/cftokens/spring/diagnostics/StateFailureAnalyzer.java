package dev.cftokens.spring.diagnostics;

import dev.cftokens.runtime.state.StateException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The state cannot be read, written or locked, or is configured wrongly. */
final class StateFailureAnalyzer extends CftokensFailureAnalyzer<StateException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StateException cause) {
        return analysis(
                "Its state cannot be used: " + cause.getMessage(),
                "Check cftokens.state (or CFTOKENS_STATE): the file or database it names must be reachable and"
                        + " writable, and cftokens.passphrase (CFTOKENS_PASSPHRASE) or cftokens.key (CFTOKENS_KEY)"
                        + " must be the one the state was written with. " + DISABLE,
                cause);
    }
}
