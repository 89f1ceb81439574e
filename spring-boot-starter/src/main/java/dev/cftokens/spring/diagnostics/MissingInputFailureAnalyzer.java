package dev.cftokens.spring.diagnostics;

import dev.cftokens.spring.MissingInputException;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Declarations that need input values: names each property to set. */
final class MissingInputFailureAnalyzer extends CftokensFailureAnalyzer<MissingInputException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingInputException cause) {
        String tokens = cause.missing().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> "token " + entry.getKey() + " needs " + String.join(", ", entry.getValue()))
                .collect(Collectors.joining("; "));
        String example = cause.missing().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .flatMap(entry -> entry.getValue().stream()
                        .map(input -> "    cftokens.inputs." + entry.getKey() + "." + input + "=<value>"))
                .collect(Collectors.joining("\n"));
        return analysis(
                "Input values are missing: " + tokens + ".",
                "Set a value for each input, in application.properties or the environment, for example:\n\n" + example
                        + "\n\n(a placeholder such as ${ZONE_ID} takes it from a variable).",
                cause);
    }
}
