package dev.cftokens.spring.diagnostics;

import dev.cftokens.spring.UnknownDeclarationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A property names a declaration the application does not carry: lists those it does. */
final class UnknownDeclarationFailureAnalyzer extends CftokensFailureAnalyzer<UnknownDeclarationException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownDeclarationException cause) {
        String known = cause.known().isEmpty()
                ? "The application carries no declaration: check that cftokens-processor runs when it compiles"
                        + " (annotationProcessorPaths) and that its @ApiToken interfaces are on the class path."
                : "Use one of the declaration ids the application carries: " + String.join(", ", cause.known())
                        + "; or remove " + cause.property() + ".";
        return analysis(
                cause.property() + " names \"" + cause.name() + "\", which is not a declaration of this application.",
                known,
                cause);
    }
}
