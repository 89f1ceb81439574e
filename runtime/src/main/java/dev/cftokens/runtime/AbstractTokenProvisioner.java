package dev.cftokens.runtime;

import static java.util.Objects.requireNonNull;

import dev.cftokens.core.model.TokenDeclaration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The superclass of every generated provisioner. A generated provisioner only passes its interface, its
 * declaration as the JSON text the processor checked ({@link TokenDeclaration#toJson}) and the values of
 * its inputs; everything else lives here, once, so that what javac compiles per declaration stays small.
 *
 * @param <T> the declaring interface
 */
public abstract class AbstractTokenProvisioner<T> implements TokenProvisioner<T> {
    private final Class<T> tokenType;
    private final TokenDeclaration declaration;
    private final Map<String, String> inputs;

    /**
     * Checks the declaration and the input values, and keeps them.
     *
     * @param tokenType the declaring interface
     * @param declarationJson the declaration, as {@link TokenDeclaration#toJson} writes it
     * @param inputValues one value per input of the declaration, in its order
     * @throws NullPointerException naming the input whose value is null
     * @throws IllegalArgumentException when the JSON is not a declaration, or the number of values is not
     *     the number of inputs
     */
    protected AbstractTokenProvisioner(Class<T> tokenType, String declarationJson, String... inputValues) {
        this.tokenType = requireNonNull(tokenType, "tokenType");
        try {
            this.declaration = TokenDeclaration.fromJson(declarationJson);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    getClass().getName() + " carries a declaration this runtime cannot read (" + e.getMessage()
                            + "); regenerate it with the cftokens-processor of the same version as cftokens-runtime",
                    e);
        }
        List<String> names = declaration.inputs();
        if (inputValues.length != names.size()) {
            throw new IllegalArgumentException("token " + declaration.id() + " has the inputs " + names + ", but "
                    + inputValues.length + (inputValues.length == 1 ? " value was" : " values were")
                    + " given; regenerate " + getClass().getName());
        }
        this.inputs = inputs(declaration, inputValues);
    }

    /** The declaration's inputs with their values, in its order; one value per input, none null. */
    private static Map<String, String> inputs(TokenDeclaration declaration, String... inputValues) {
        List<String> names = declaration.inputs();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < inputValues.length; i++) {
            String name = names.get(i);
            values.put(
                    name,
                    requireNonNull(
                            inputValues[i], () -> "the input " + name + " of token " + declaration.id() + " is null"));
        }
        return Collections.unmodifiableMap(values);
    }

    @Override
    public final Class<T> tokenType() {
        return tokenType;
    }

    @Override
    public final TokenDeclaration declaration() {
        return declaration;
    }

    @Override
    public final Map<String, String> inputs() {
        return inputs;
    }

    @Override
    public final ProvisionedToken<T> provision(Cloudflare cloudflare) {
        return Provisioning.with(requireNonNull(cloudflare, "cloudflare")).provision(this);
    }

    /** The class and the declaration's id and inputs; input values are ids, never secrets. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[id=" + declaration.id() + ", inputs=" + inputs + "]";
    }
}
