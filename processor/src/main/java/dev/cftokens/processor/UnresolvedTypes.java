package dev.cftokens.processor;

import dev.cftokens.annotations.ApiToken;
import dev.cftokens.annotations.Policies;
import dev.cftokens.annotations.Policy;
import dev.cftokens.annotations.RequestIp;
import dev.cftokens.annotations.Rotation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * The types an interface names that the compiler cannot resolve yet, such as a class another processor
 * generates in a later round. Such an interface is checked once they exist, not before: judged early,
 * its inputs would look wrong. The same holds for an annotation value read from a constant of such a class
 * ({@code permissionGroups = Groups.ZONE}): until the class exists javac hands the value over as an error
 * (the text {@code <error>}), which must not be validated as if the user had written it.
 */
final class UnresolvedTypes {
    private static final Set<String> OUR_ANNOTATIONS = Set.of(
            ApiToken.class.getCanonicalName(),
            Policy.class.getCanonicalName(),
            Policies.class.getCanonicalName(),
            RequestIp.class.getCanonicalName(),
            Rotation.class.getCanonicalName());
    /** What javac's {@code Attribute.Error} answers for {@code getValue()}. */
    private static final String ERROR_VALUE = "<error>";

    private UnresolvedTypes() {}

    /**
     * The unresolved types in the interface's supertypes and method signatures, by their written name, and
     * the attributes of its cftokens annotations whose value could not be resolved, as {@code @Policy.permissionGroups}.
     */
    static List<String> in(TypeElement type) {
        Set<String> names = new LinkedHashSet<>();
        for (AnnotationMirror annotation : type.getAnnotationMirrors()) {
            collect(annotation, names);
        }
        for (TypeMirror supertype : type.getInterfaces()) {
            collect(supertype, names);
        }
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            collect(method.getReturnType(), names);
            for (VariableElement parameter : method.getParameters()) {
                collect(parameter.asType(), names);
            }
        }
        return List.copyOf(names);
    }

    private static void collect(AnnotationMirror annotation, Set<String> names) {
        TypeElement annotationType =
                (TypeElement) annotation.getAnnotationType().asElement();
        if (!OUR_ANNOTATIONS.contains(annotationType.getQualifiedName().toString())) {
            return;
        }
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
                annotation.getElementValues().entrySet()) {
            if (!isResolved(entry.getValue(), names)) {
                names.add("@" + annotationType.getSimpleName() + "."
                        + entry.getKey().getSimpleName());
            }
        }
    }

    /** Whether a value is what our annotations hold (strings, enum constants, arrays, nested annotations). */
    private static boolean isResolved(AnnotationValue value, Set<String> names) {
        Object raw = value.getValue();
        if (raw instanceof String) {
            return !ERROR_VALUE.equals(raw);
        }
        if (raw instanceof VariableElement) {
            return true;
        }
        if (raw instanceof AnnotationMirror) {
            collect((AnnotationMirror) raw, names); // the @Policy values inside @Policies
            return true;
        }
        if (raw instanceof List) {
            boolean resolved = true;
            for (Object item : (List<?>) raw) {
                resolved &= item instanceof AnnotationValue && isResolved((AnnotationValue) item, names);
            }
            return resolved;
        }
        return false;
    }

    private static void collect(TypeMirror type, Set<String> names) {
        if (type.getKind() == TypeKind.ERROR) {
            names.add(type.toString());
        } else if (type.getKind() == TypeKind.DECLARED) {
            for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
                collect(argument, names);
            }
        } else if (type.getKind() == TypeKind.ARRAY) {
            collect(((ArrayType) type).getComponentType(), names);
        }
    }
}
