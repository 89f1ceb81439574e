package dev.cftokens.processor;

import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Prints the diagnostics of one {@code @ApiToken} type and counts its errors: nothing is generated for
 * a type whose reporter is not clean, while the other types of the compilation still are.
 */
final class Reporter {
    private final DiagnosticPrinter printer;
    private int errors;

    Reporter(DiagnosticPrinter printer) {
        this.printer = printer;
    }

    void report(Message message, Location location, Object... args) {
        if (message.kind() == Diagnostic.Kind.ERROR) {
            errors++;
        }
        printer.print(message, location, args);
    }

    /** Whether a diagnostic on {@code element} shows in a source file; see {@link DiagnosticPrinter#canPointAt}. */
    boolean canPointAt(Element element) {
        return printer.canPointAt(element);
    }

    /** True when no error was reported for this type; warnings do not count. */
    boolean isClean() {
        return errors == 0;
    }

    int errorCount() {
        return errors;
    }
}
