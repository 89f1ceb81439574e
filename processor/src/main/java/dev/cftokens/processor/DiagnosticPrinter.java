package dev.cftokens.processor;

import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Prints a {@link Message} at a {@link Location}: on the element, the annotation and the exact value, so
 * the compiler and IDEs underline the offending string.
 */
final class DiagnosticPrinter {
    private final Messager messager;
    private final RepeatedAnnotationPositions repeated;
    private final boolean wholeAttributesOnly;

    DiagnosticPrinter(ProcessingEnvironment env) {
        this.messager = env.getMessager();
        this.repeated = repeatedAnnotationPositions(env);
        // ecj places a message on an attribute (`permissionGroups = {...}`) but not on one element of its
        // array, which it silently widens to the whole annotation: give it the attribute.
        this.wholeAttributesOnly = env.getClass().getName().startsWith("org.eclipse.jdt.");
    }

    private static RepeatedAnnotationPositions repeatedAnnotationPositions(ProcessingEnvironment env) {
        try {
            return RepeatedAnnotationPositions.create(env);
        } catch (LinkageError noCompilerTreeApi) {
            // A runtime without the jdk.compiler module (ecj on a bare JRE): Messager positions only.
            return null;
        }
    }

    /**
     * Whether a diagnostic on {@code element} would show in its source: true for an element of this
     * compilation's sources under javac, false where that cannot be told (then callers point elsewhere).
     */
    boolean canPointAt(Element element) {
        return repeated != null && repeated.hasSource(element);
    }

    void print(Message message, Location location, Object... args) {
        String text = message.format(args);
        if (repeated != null && repeated.print(message.kind(), text, location)) {
            return;
        }
        AnnotationValue value = wholeAttributesOnly ? location.attribute() : location.value();
        if (value != null) {
            messager.printMessage(message.kind(), text, location.element(), location.annotation(), value);
        } else if (location.annotation() != null) {
            messager.printMessage(message.kind(), text, location.element(), location.annotation());
        } else {
            messager.printMessage(message.kind(), text, location.element());
        }
    }

    /** A message about the compilation as a whole, such as an unreadable catalog. */
    void print(Message message, Object... args) {
        messager.printMessage(message.kind(), message.format(args));
    }
}
