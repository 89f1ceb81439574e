package dev.cftokens.processor;

import dev.cftokens.core.rules.ResourceKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks a token interface's inputs: its abstract methods against the shape of an input, and the
 * inputs against the placeholders of its keys, both ways.
 */
final class InputValidator {
    private final Types types;
    /** {@code java.lang.String}, the one type an input returns; looked up once per compilation. */
    private final TypeMirror string;

    InputValidator(Elements elements, Types types) {
        this.types = types;
        this.string = elements.getTypeElement(String.class.getCanonicalName()).asType();
    }

    /**
     * The interface's inputs in declaration order: abstract no-argument {@code String} methods, each used
     * as a placeholder, every placeholder backed by one. Default, static and private methods are the
     * user's own business.
     */
    List<String> validate(TypeElement type, List<LocatedKey> keys, Reporter reporter) {
        Map<String, Location> inputs = inputMethods(type, reporter);
        Map<String, Boolean> used = new LinkedHashMap<>();
        for (LocatedKey key : keys) {
            for (String placeholder : key.key().inputs()) {
                used.put(placeholder, true);
                if (!inputs.containsKey(placeholder)) {
                    reporter.report(
                            Message.MISSING_INPUT, key.location(), key.key().key(), placeholder, placeholder);
                }
            }
        }
        inputs.forEach((name, at) -> {
            if (!used.containsKey(name)) {
                reporter.report(Message.UNUSED_INPUT, at, name, name);
            }
        });
        return new ArrayList<>(inputs.keySet());
    }

    /** The valid input methods by name, each where a message about it goes; the invalid ones reported. */
    private Map<String, Location> inputMethods(TypeElement type, Reporter reporter) {
        Map<String, Location> inputs = new LinkedHashMap<>();
        for (ExecutableElement method : abstractMethods(type)) {
            String name = method.getSimpleName().toString();
            // An inherited method is reported on the interface: its declaration may be in a class file, and
            // whether it is used or reserved depends on this interface's keys.
            boolean inherited = !method.getEnclosingElement().equals(type);
            Location at = inherited ? Location.of(type) : Location.of(method);
            // As a member of this interface: T zoneId() inherited through HasZone<String> returns String.
            TypeMirror returnType =
                    ((ExecutableType) types.asMemberOf((DeclaredType) type.asType(), method)).getReturnType();
            boolean invalidAsDeclared = !method.getParameters().isEmpty()
                    || !method.getTypeParameters().isEmpty()
                    || !(method.getReturnType().getKind() == TypeKind.TYPEVAR
                            || types.isSameType(method.getReturnType(), string));
            if (invalidAsDeclared && inherited && reporter.canPointAt(method)) {
                // Wrong whatever the subtype: the fix is in the superinterface's source, so the error sits there.
                reporter.report(
                        Message.INVALID_INPUT_METHOD_INHERITED_BY,
                        Location.of(method),
                        describe(method),
                        type.getQualifiedName());
            } else if (invalidAsDeclared || !types.isSameType(returnType, string)) {
                if (inherited) {
                    reporter.report(
                            Message.INVALID_INPUT_METHOD_INHERITED_FROM,
                            at,
                            describe(method),
                            ((TypeElement) method.getEnclosingElement()).getQualifiedName());
                } else {
                    reporter.report(Message.INVALID_INPUT_METHOD, at, describe(method));
                }
            } else if (name.equals(ResourceKey.ACCOUNT_PLACEHOLDER)) {
                reporter.report(Message.RESERVED_INPUT, at);
            } else {
                inputs.put(name, at);
            }
        }
        return inputs;
    }

    /**
     * The abstract methods of the interface and of its superinterfaces, its own first and each in
     * declaration order; a method redeclared lower down counts once.
     */
    private List<ExecutableElement> abstractMethods(TypeElement type) {
        Map<String, ExecutableElement> methods = new LinkedHashMap<>();
        collectAbstractMethods(type, methods);
        return new ArrayList<>(methods.values());
    }

    private void collectAbstractMethods(TypeElement type, Map<String, ExecutableElement> methods) {
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (method.getModifiers().contains(Modifier.ABSTRACT)) {
                StringBuilder signature = new StringBuilder(method.getSimpleName());
                method.getParameters()
                        .forEach(parameter -> signature.append(',').append(types.erasure(parameter.asType())));
                methods.putIfAbsent(signature.toString(), method);
            }
        }
        for (TypeMirror supertype : type.getInterfaces()) {
            Element element = types.asElement(supertype);
            if (element instanceof TypeElement) {
                collectAbstractMethods((TypeElement) element, methods);
            }
        }
    }

    private static String describe(ExecutableElement method) {
        StringBuilder signature = new StringBuilder();
        if (!method.getTypeParameters().isEmpty()) {
            signature.append('<').append(method.getTypeParameters()).append("> ");
        }
        signature
                .append(method.getReturnType())
                .append(' ')
                .append(method.getSimpleName())
                .append('(');
        for (int i = 0; i < method.getParameters().size(); i++) {
            signature
                    .append(i == 0 ? "" : ", ")
                    .append(method.getParameters().get(i).asType());
        }
        return signature.append(')').toString();
    }
}
