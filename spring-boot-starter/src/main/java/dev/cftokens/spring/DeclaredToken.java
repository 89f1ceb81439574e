package dev.cftokens.spring;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.TokenProvisioner;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * One declaration the application carries: its generated provisioner's {@code create} method, and what a
 * probe instance of it tells (id, declaring interface, input names) before any input value is known.
 */
record DeclaredToken(String id, Class<?> tokenType, List<String> inputs, Method create) {
    DeclaredToken {
        requireNonNull(id, "id");
        requireNonNull(tokenType, "tokenType");
        inputs = List.copyOf(inputs);
        requireNonNull(create, "create");
    }

    /** The declaration of the provisioner whose static {@code create} method is {@code create}. */
    static DeclaredToken of(Method create) {
        // Empty strings stand in for the inputs: the probe is only read, never provisioned.
        TokenProvisioner<?> probe = invoke(create, new String[create.getParameterCount()]);
        return new DeclaredToken(
                probe.declaration().id(), probe.tokenType(), probe.declaration().inputs(), create);
    }

    /** The provisioner for these input values, given in the order of {@link #inputs()}. */
    TokenProvisioner<?> provisioner(List<String> values) {
        if (values.size() != inputs.size()) {
            throw new IllegalArgumentException(
                    "token " + id + " takes the inputs " + inputs + ", not " + values.size() + " values");
        }
        return invoke(create, values.toArray(new String[0]));
    }

    private static TokenProvisioner<?> invoke(Method create, String[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i] == null ? "" : values[i];
        }
        try {
            return (TokenProvisioner<?>) create.invoke(null, (Object[]) values);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(
                    "cannot call " + create.getDeclaringClass().getName() + ".create: " + e.getMessage(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    create.getDeclaringClass().getName() + ".create failed: " + e.getCause(), e.getCause());
        }
    }
}
