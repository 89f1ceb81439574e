package dev.cftokens.processor;

import dev.cftokens.annotations.ApiToken;
import dev.cftokens.annotations.Policies;
import dev.cftokens.annotations.Policy;
import dev.cftokens.annotations.RequestIp;
import dev.cftokens.annotations.Rotation;
import dev.cftokens.core.model.PolicyDeclaration;
import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.RotationPolicy;
import dev.cftokens.core.model.TokenDeclaration;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.rules.InvalidValueException;
import dev.cftokens.core.rules.Timestamps;
import dev.cftokens.core.rules.TokenRules;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Turns one {@code @ApiToken} interface into a {@link TokenModel}, or reports why it cannot: where the
 * annotation sits, the token's id, name, owner and dates, its policies ({@link PolicyValidator}), its
 * request-IP condition ({@link RequestIpValidator}), its rotation ({@link RotationValidator}) and its inputs
 * ({@link InputValidator}).
 */
final class TokenValidator {
    private final Elements elements;
    private final PolicyValidator policies;
    private final RequestIpValidator requestIp = new RequestIpValidator();
    private final RotationValidator rotation = new RotationValidator();
    private final InputValidator inputs;
    private final DeclarationIds ids;
    private final Instant now;

    TokenValidator(Elements elements, Types types, PolicyValidator policies, DeclarationIds ids, Instant now) {
        this.elements = elements;
        this.inputs = new InputValidator(elements, types);
        this.policies = policies;
        this.ids = ids;
        this.now = now;
    }

    Optional<TokenModel> validate(TypeElement type, Reporter reporter) {
        AnnotationAttributes apiToken = attributes(type, ApiToken.class.getCanonicalName())
                .orElseThrow(() -> new IllegalStateException(type + " has no @ApiToken"));
        if (!checkShape(type, apiToken, reporter)) {
            return Optional.empty();
        }
        String id = id(type, apiToken, reporter);
        String name = name(apiToken, id, reporter);
        TokenOwner owner = TokenOwner.valueOf(apiToken.enumConstant("owner"));
        Instant notBefore = timestamp(apiToken, "notBefore", reporter);
        Instant expiresOn = timestamp(apiToken, "expiresOn", reporter);
        Optional<AnnotationAttributes> rotationAnnotation = attributes(type, Rotation.class.getCanonicalName());
        if (rotationAnnotation.isEmpty()) {
            // A rotating token's expiresOn is refused outright; its past-date warning would only add noise.
            checkValidity(apiToken, notBefore, expiresOn, reporter);
        }
        Optional<RotationPolicy> rotationPolicy =
                rotationAnnotation.flatMap(annotation -> rotation.validate(annotation, apiToken, expiresOn, reporter));

        List<AnnotationAttributes> policyAnnotations = policies(type);
        if (policyAnnotations.isEmpty()) {
            reporter.report(Message.MISSING_POLICY, apiToken.location(), type.getSimpleName());
        }
        List<PolicyDeclaration> policyDeclarations = new ArrayList<>();
        List<LocatedKey> keys = new ArrayList<>();
        for (AnnotationAttributes policy : policyAnnotations) {
            policies.validate(policy, owner, reporter, keys).ifPresent(policyDeclarations::add);
        }
        RequestIpCondition condition = attributes(type, RequestIp.class.getCanonicalName())
                .map(annotation -> requestIp.validate(annotation, reporter))
                .orElse(RequestIpCondition.NONE);
        List<String> inputs = this.inputs.validate(type, keys, reporter);

        if (!reporter.isClean() || !checkRuntimeVisible(type, reporter)) {
            return Optional.empty();
        }
        return Optional.of(TokenModel.of(
                type,
                new TokenDeclaration(
                        id, name, owner, policyDeclarations, condition, notBefore, expiresOn, inputs, rotationPolicy)));
    }

    /**
     * The runtime on the class path, checked last: its absence is worth saying only of a declaration that
     * would otherwise have its provisioner written.
     */
    private boolean checkRuntimeVisible(TypeElement type, Reporter reporter) {
        if (ProvisionerDependencies.runtimeVisible(elements, type)) {
            return true;
        }
        reporter.report(
                Message.MISSING_RUNTIME,
                Location.of(type),
                type.getQualifiedName(),
                ProvisionerDependencies.ABSTRACT_TOKEN_PROVISIONER.canonicalName());
        return false;
    }

    /** An interface, top-level or nested, visible from its package, not generic. */
    private static boolean checkShape(TypeElement type, AnnotationAttributes apiToken, Reporter reporter) {
        if (type.getKind() != ElementKind.INTERFACE) {
            String kind = type.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            reporter.report(
                    Message.NOT_AN_INTERFACE, apiToken.location(), type.getQualifiedName(), kind, type.getSimpleName());
            return false;
        }
        if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
            reporter.report(Message.LOCAL_INTERFACE, apiToken.location(), type.getSimpleName());
            return false;
        }
        for (Element enclosing = type; enclosing instanceof TypeElement; enclosing = enclosing.getEnclosingElement()) {
            if (enclosing.getModifiers().contains(Modifier.PRIVATE)) {
                reporter.report(Message.PRIVATE_INTERFACE, apiToken.location(), type.getQualifiedName());
                return false;
            }
        }
        if (!type.getTypeParameters().isEmpty()) {
            List<String> names = new ArrayList<>();
            type.getTypeParameters()
                    .forEach(parameter -> names.add(parameter.getSimpleName().toString()));
            reporter.report(
                    Message.GENERIC_INTERFACE, apiToken.location(), type.getSimpleName(), String.join(", ", names));
            return false;
        }
        return true;
    }

    /** The id as written, or the kebab-case simple name; kebab case, and unique in this compilation. */
    private String id(TypeElement type, AnnotationAttributes apiToken, Reporter reporter) {
        AnnotatedString written = apiToken.string("id");
        String id = written.value().isEmpty()
                ? TokenRules.kebabCase(type.getSimpleName().toString())
                : written.value();
        try {
            TokenRules.checkId(id);
        } catch (InvalidValueException e) {
            if (written.value().isEmpty()) {
                reportInvalidDefaultId(id, type.getSimpleName().toString(), written.location(), reporter);
            } else {
                reporter.report(Message.INVALID_ID, written.location(), e.getMessage());
            }
            return id;
        }
        ids.claim(id, type.getQualifiedName().toString())
                .ifPresent(owner -> reporter.report(Message.DUPLICATE_ID, written.location(), id, owner));
        return id;
    }

    /**
     * A defaulted id was never written: say where to write one rather than how to respell it, with an
     * ASCII id to write when the (non-ASCII) simple name has one.
     */
    private static void reportInvalidDefaultId(String id, String simpleName, Location at, Reporter reporter) {
        // Ü → U + combining diaeresis → U: the closest ASCII spelling, then kebab case as for any default id.
        String ascii = Normalizer.normalize(simpleName, Normalizer.Form.NFD).replaceAll("[^\\p{ASCII}]", "");
        String suggestion = TokenRules.kebabCase(ascii);
        if (TokenRules.isKebabCase(suggestion)) {
            reporter.report(Message.INVALID_DEFAULT_ID, at, id, simpleName, suggestion);
        } else {
            reporter.report(Message.INVALID_DEFAULT_ID_NOT_ASCII, at, id, simpleName);
        }
    }

    /** The name as written, or the id; not blank, at most 120 characters. */
    private static String name(AnnotationAttributes apiToken, String id, Reporter reporter) {
        AnnotatedString written = apiToken.string("name");
        String name = written.value().isEmpty() ? id : written.value();
        try {
            TokenRules.checkName(name);
        } catch (InvalidValueException e) {
            reporter.report(Message.INVALID_NAME, written.location(), e.getMessage());
        }
        return name;
    }

    private static Instant timestamp(AnnotationAttributes apiToken, String attribute, Reporter reporter) {
        AnnotatedString written = apiToken.string(attribute);
        if (written.value().isEmpty()) {
            return null;
        }
        try {
            return Timestamps.parse(written.value());
        } catch (InvalidValueException e) {
            reporter.report(Message.INVALID_TIMESTAMP, written.location(), attribute, e.getMessage());
            return null;
        }
    }

    /** notBefore before expiresOn (an error on expiresOn); a warning when expiresOn is already past. */
    private void checkValidity(AnnotationAttributes apiToken, Instant notBefore, Instant expiresOn, Reporter reporter) {
        if (expiresOn == null) {
            return;
        }
        Location at = apiToken.location("expiresOn");
        try {
            Timestamps.checkValidityWindow(notBefore, expiresOn);
        } catch (InvalidValueException e) {
            reporter.report(
                    Message.EXPIRES_BEFORE_NOT_BEFORE,
                    at,
                    apiToken.string("expiresOn").value(),
                    apiToken.string("notBefore").value(),
                    e.getMessage());
            return;
        }
        if (!expiresOn.isAfter(now)) {
            reporter.report(
                    Message.ALREADY_EXPIRED, at, apiToken.string("expiresOn").value());
        }
    }

    /** Every {@code @Policy}, written once or repeated (then the compiler wraps them in {@code @Policies}). */
    private List<AnnotationAttributes> policies(TypeElement type) {
        List<AnnotationAttributes> found = new ArrayList<>();
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            String name = annotationName(mirror);
            if (name.equals(Policy.class.getCanonicalName())) {
                found.add(new AnnotationAttributes(type, mirror, elements));
            } else if (name.equals(Policies.class.getCanonicalName())) {
                for (AnnotationMirror policy : new AnnotationAttributes(type, mirror, elements).annotations("value")) {
                    found.add(new AnnotationAttributes(type, policy, elements));
                }
            }
        }
        return found;
    }

    private Optional<AnnotationAttributes> attributes(TypeElement type, String annotation) {
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            if (annotationName(mirror).equals(annotation)) {
                return Optional.of(new AnnotationAttributes(type, mirror, elements));
            }
        }
        return Optional.empty();
    }

    static String annotationName(AnnotationMirror mirror) {
        return ((TypeElement) mirror.getAnnotationType().asElement())
                .getQualifiedName()
                .toString();
    }
}
