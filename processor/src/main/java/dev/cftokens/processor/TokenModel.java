package dev.cftokens.processor;

import static java.util.Objects.requireNonNull;

import com.palantir.javapoet.ClassName;
import dev.cftokens.core.model.TokenOwner;
import java.time.Instant;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A validated {@code @ApiToken} declaration: everything the writer needs, with every default applied and
 * every permission-group name resolved to its id. Only built for a declaration without errors.
 *
 * @param element the interface, the originating element of everything written for it
 * @param notBefore null for none
 * @param expiresOn null for never
 * @param inputs the input method names, in declaration order
 */
record TokenModel(
        TypeElement element,
        ClassName tokenType,
        ClassName provisionerType,
        String id,
        String name,
        TokenOwner owner,
        List<PolicyModel> policies,
        List<String> ipIn,
        List<String> ipNotIn,
        Instant notBefore,
        Instant expiresOn,
        List<String> inputs) {
    TokenModel {
        requireNonNull(element, "element");
        requireNonNull(tokenType, "tokenType");
        requireNonNull(provisionerType, "provisionerType");
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(owner, "owner");
        policies = List.copyOf(policies);
        ipIn = List.copyOf(ipIn);
        ipNotIn = List.copyOf(ipNotIn);
        inputs = List.copyOf(inputs);
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
