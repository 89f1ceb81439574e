package dev.cftokens.spring.diagnostics;

import dev.cftokens.spring.InvalidInputException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Input properties for inputs the declarations do not have, or with unusable values: names each. */
final class InvalidInputFailureAnalyzer extends CftokensFailureAnalyzer<InvalidInputException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidInputException cause) {
        return analysis(
                cause.getMessage() + ".",
                "Give each declared input its value on one line as cftokens.inputs.<declaration id>.<input>,"
                        + " and remove the properties for inputs the declarations do not have.",
                cause);
    }
}
