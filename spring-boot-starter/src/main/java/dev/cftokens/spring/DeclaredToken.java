package dev.cftokens.spring;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.TokenProvisioner;
import java.util.List;

/**
 * One declaration the application carries, as known before its input values are: its id, declaring
 * interface and input names.
 */
record DeclaredToken(String id, Class<?> tokenType, List<String> inputs) {
    DeclaredToken {
        requireNonNull(id, "id");
        requireNonNull(tokenType, "tokenType");
        inputs = List.copyOf(inputs);
    }

    static DeclaredToken of(TokenProvisioner<?> provisioner) {
        return new DeclaredToken(
                provisioner.declaration().id(),
                provisioner.tokenType(),
                provisioner.declaration().inputs());
    }
}
