package dev.cftokens.processor;

import static java.util.Objects.requireNonNull;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where a diagnostic points: an element, and when known the annotation on it and the exact value, so
 * javac and IDEs underline the offending string rather than the whole interface.
 *
 * @param annotation may be null
 * @param value may be null; for an array attribute, the element of the array that is wrong
 * @param attribute the whole attribute {@code value} belongs to (the array for an element of one, else
 *     {@code value} itself), for compilers that can only point at a whole attribute; may be null
 */
record Location(Element element, AnnotationMirror annotation, AnnotationValue value, AnnotationValue attribute) {
    Location {
        requireNonNull(element, "element");
    }

    static Location of(Element element) {
        return new Location(element, null, null, null);
    }

    static Location of(Element element, AnnotationMirror annotation) {
        return new Location(element, annotation, null, null);
    }

    static Location of(Element element, AnnotationMirror annotation, AnnotationValue value) {
        return new Location(element, annotation, value, value);
    }
}
