package dev.cftokens.runtime.internal.provision;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.TokenProvisioner;
import dev.cftokens.runtime.provision.DeclarationScope;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The declarations a run plans for, and whether they are every declaration of the application. */
public final class Declared {
    private final List<TokenProvisioner<?>> provisioners;
    private final DeclarationScope scope;
    private final Set<String> ids = new HashSet<>();

    /**
     * Copies the provisioners.
     *
     * @param provisioners the declarations' provisioners
     * @param scope whether they are all: only then may recorded tokens absent from them be deleted
     * @throws NullPointerException when a provisioner or the scope is null
     */
    public Declared(Collection<? extends TokenProvisioner<?>> provisioners, DeclarationScope scope) {
        this.provisioners = List.copyOf(provisioners);
        this.scope = requireNonNull(scope, "scope");
        this.provisioners.forEach(
                provisioner -> ids.add(provisioner.declaration().id()));
    }

    List<TokenProvisioner<?>> provisioners() {
        return provisioners;
    }

    DeclarationScope scope() {
        return scope;
    }

    Set<String> ids() {
        return Set.copyOf(ids);
    }

    /** Whether a run over these declarations considers the record or pending create of {@code declarationId}. */
    boolean considers(String declarationId) {
        return scope == DeclarationScope.COMPLETE || ids.contains(declarationId);
    }
}
