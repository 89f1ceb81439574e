package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenDeclaration;
import java.util.Map;

/**
 * A provisioner found through the class path's index: its declaration read from its class file, the class
 * itself loaded only when a token is provisioned or its type is asked for. A plan or an apply of many
 * declarations needs neither, and loading and verifying two classes per declaration was most of a command
 * line's time before its first request.
 */
final class IndexedProvisioner implements TokenProvisioner<Object> {
    private final ClassLoader loader;
    private final String className;
    private final TokenDeclaration declaration;
    private final Map<String, String> inputs;
    private TokenProvisioner<?> loaded;

    /**
     * @param loader the loader of the provisioner's class
     * @param className the provisioner's binary name
     * @param declaration the declaration, as its class carries it
     * @param inputs a value for each of the declaration's inputs
     */
    IndexedProvisioner(ClassLoader loader, String className, TokenDeclaration declaration, Map<String, String> inputs) {
        this.loader = requireNonNull(loader, "loader");
        this.className = requireNonNull(className, "className");
        this.declaration = requireNonNull(declaration, "declaration");
        this.inputs = AbstractTokenProvisioner.inputs(
                declaration, declaration.inputs().stream().map(inputs::get).toArray(String[]::new));
    }

    @Override
    @SuppressWarnings("unchecked") // the provisioner's own type: the interface its class was generated for
    public Class<Object> tokenType() {
        return (Class<Object>) loaded().tokenType();
    }

    @Override
    public TokenDeclaration declaration() {
        return declaration;
    }

    @Override
    public Map<String, String> inputs() {
        return inputs;
    }

    @Override
    @SuppressWarnings("unchecked") // the token of the provisioner's own type, as tokenType() gives it
    public ProvisionedToken<Object> provision(Cloudflare cloudflare) {
        return (ProvisionedToken<Object>) loaded().provision(cloudflare);
    }

    /** The generated provisioner itself, created with the same input values on first use. */
    private synchronized TokenProvisioner<?> loaded() {
        if (loaded == null) {
            loaded = Declarations.create(loader, className, inputs.values().toArray(new String[0]));
        }
        return loaded;
    }

    @Override
    public String toString() {
        return AbstractTokenProvisioner.describe(
                className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1), this);
    }
}
