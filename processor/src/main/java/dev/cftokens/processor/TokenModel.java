package dev.cftokens.processor;

import static java.util.Objects.requireNonNull;

import com.palantir.javapoet.ClassName;
import dev.cftokens.core.model.TokenDeclaration;
import javax.lang.model.element.TypeElement;

/**
 * A validated {@code @ApiToken} interface: core's {@link TokenDeclaration} (every default applied, every
 * permission-group name resolved to its id) and the Java names the writer needs around it. Only built
 * for a declaration without errors.
 *
 * @param element the interface, the originating element of everything written for it
 */
record TokenModel(TypeElement element, ClassName tokenType, ClassName provisionerType, TokenDeclaration declaration) {
    TokenModel {
        requireNonNull(element, "element");
        requireNonNull(tokenType, "tokenType");
        requireNonNull(provisionerType, "provisionerType");
        requireNonNull(declaration, "declaration");
    }

    /** The model of {@code element}, whose provisioner is named after it by {@link #provisionerName}. */
    static TokenModel of(TypeElement element, TokenDeclaration declaration) {
        ClassName tokenType = ClassName.get(element);
        return new TokenModel(element, tokenType, provisionerName(tokenType), declaration);
    }

    /** {@code com.acme.ReadonlyTokenProvisioner}; for a nested {@code Outer.Inner}, {@code Outer_InnerProvisioner}. */
    static ClassName provisionerName(ClassName tokenType) {
        return ClassName.get(tokenType.packageName(), String.join("_", tokenType.simpleNames()) + "Provisioner");
    }

    /** The binary name of the provisioner, as the class path and the {@code META-INF/cftokens} index know it. */
    String provisionerBinaryName() {
        return provisionerType.reflectionName();
    }
}
