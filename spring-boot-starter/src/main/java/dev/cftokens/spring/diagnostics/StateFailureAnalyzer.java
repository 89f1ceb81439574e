package dev.cftokens.spring.diagnostics;

import dev.cftokens.runtime.state.StateException;
import dev.cftokens.runtime.state.StateKey;
import dev.cftokens.runtime.state.StateStores;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The state cannot be read, written or locked, or is configured wrongly. */
final class StateFailureAnalyzer extends CftokensFailureAnalyzer<StateException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StateException cause) {
        return analysis(
                "Its state cannot be used: " + cause.getMessage(),
                "Check cftokens.state (or " + StateStores.STATE_VARIABLE + "): the file or database it names must"
                        + " be reachable and writable, and cftokens.passphrase (" + StateKey.PASSPHRASE_VARIABLE
                        + ") or cftokens.key (" + StateKey.KEY_VARIABLE + ") must be the one the state was written"
                        + " with. " + DISABLE,
                cause);
    }
}
