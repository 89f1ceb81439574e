package dev.cftokens.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * The attributes of one annotation on one element, read through the mirror API (the processor never
 * loads the annotation classes' values reflectively), each value with the location to report it at.
 */
final class AnnotationAttributes {
    private final Element element;
    private final AnnotationMirror mirror;
    private final Map<? extends ExecutableElement, ? extends AnnotationValue> explicit;
    private final Map<? extends ExecutableElement, ? extends AnnotationValue> withDefaults;

    AnnotationAttributes(Element element, AnnotationMirror mirror, Elements elements) {
        this.element = element;
        this.mirror = mirror;
        this.explicit = mirror.getElementValues();
        this.withDefaults = elements.getElementValuesWithDefaults(mirror);
    }

    Element element() {
        return element;
    }

    AnnotationMirror mirror() {
        return mirror;
    }

    /** The annotation as a whole, for messages about it rather than one of its values. */
    Location location() {
        return Location.of(element, mirror);
    }

    /** The attribute's value when written, else the annotation (a default value has no position). */
    Location location(String attribute) {
        AnnotationValue value = find(explicit, attribute);
        return Location.of(element, mirror, value);
    }

    boolean isExplicit(String attribute) {
        return find(explicit, attribute) != null;
    }

    AnnotatedString string(String attribute) {
        AnnotationValue value = required(attribute);
        return new AnnotatedString(asString(value), location(attribute));
    }

    /** Each element of a {@code String[]} attribute, located on that exact element. */
    List<AnnotatedString> strings(String attribute) {
        AnnotationValue value = required(attribute);
        Location whole = location(attribute);
        List<AnnotatedString> strings = new ArrayList<>();
        for (AnnotationValue item : asList(value)) {
            Location at = whole.value() == null ? whole : new Location(element, mirror, item, whole.value());
            strings.add(new AnnotatedString(asString(item), at));
        }
        return strings;
    }

    /** The simple name of an enum constant attribute, such as {@code ALLOW}. */
    String enumConstant(String attribute) {
        Object value = required(attribute).getValue();
        return value instanceof VariableElement
                ? ((VariableElement) value).getSimpleName().toString()
                : String.valueOf(value);
    }

    /** The annotations of an annotation-array attribute, such as the {@code @Policy}s in {@code @Policies}. */
    List<AnnotationMirror> annotations(String attribute) {
        List<AnnotationMirror> mirrors = new ArrayList<>();
        for (AnnotationValue item : asList(required(attribute))) {
            if (item.getValue() instanceof AnnotationMirror) {
                mirrors.add((AnnotationMirror) item.getValue());
            }
        }
        return mirrors;
    }

    private AnnotationValue required(String attribute) {
        AnnotationValue value = find(withDefaults, attribute);
        if (value == null) {
            throw new IllegalStateException(mirror + " has no attribute " + attribute);
        }
        return value;
    }

    private static AnnotationValue find(
            Map<? extends ExecutableElement, ? extends AnnotationValue> values, String attribute) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : values.entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(attribute)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static List<? extends AnnotationValue> asList(AnnotationValue value) {
        Object raw = value.getValue();
        if (raw instanceof List) {
            @SuppressWarnings("unchecked") // AnnotationValue documents arrays as List<? extends AnnotationValue>
            List<? extends AnnotationValue> list = (List<? extends AnnotationValue>) raw;
            return list;
        }
        // Some compilers hand a single-element array written without braces as the element itself.
        return List.of(value);
    }

    private static String asString(AnnotationValue value) {
        Object raw = value.getValue();
        // A constant the compiler could not resolve is reported by the compiler itself; treat it as text.
        return raw instanceof String ? (String) raw : String.valueOf(raw);
    }
}
