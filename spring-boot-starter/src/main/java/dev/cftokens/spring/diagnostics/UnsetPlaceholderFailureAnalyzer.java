package dev.cftokens.spring.diagnostics;

import dev.cftokens.spring.UnsetPlaceholderException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Input properties whose placeholder names an unset variable: names the variable to set. */
final class UnsetPlaceholderFailureAnalyzer extends CftokensFailureAnalyzer<UnsetPlaceholderException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsetPlaceholderException cause) {
        List<String> unset = cause.unset();
        String properties = cause.values().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(", "));
        String example =
                unset.stream().map(name -> "    export " + name + "=<value>").collect(Collectors.joining("\n"));
        return analysis(
                (unset.size() == 1
                                ? "The variable " + unset.get(0) + " is not set"
                                : "The variables " + String.join(", ", unset) + " are not set")
                        + ", so " + properties + " has no value.",
                "Set " + String.join(" and ", unset) + " in the environment (or as a property), for example:\n\n"
                        + example + "\n\nor give the input a value of its own in application.properties.",
                cause);
    }
}
