package dev.cftokens.runtime.workers;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Secret;

/**
 * Sets one secret on a Worker that already exists, leaving its code and other bindings alone: the way to
 * hand a rolled token to a running Worker.
 *
 * <pre>{@code WorkerSecrets.put(cloudflare, "my-worker", "API_TOKEN", token);}</pre>
 */
public final class WorkerSecrets {
    private WorkerSecrets() {}

    /**
     * Sets the token's value as the {@code secret_text} binding {@code secretName} of {@code scriptName}.
     *
     * @param cloudflare the client of the account the Worker belongs to
     * @param scriptName the Worker script, which must exist
     * @param secretName the binding name the script reads, such as {@code API_TOKEN}
     * @param token the provisioned token whose value is set
     */
    public static void put(Cloudflare cloudflare, String scriptName, String secretName, ProvisionedToken<?> token) {
        requireNonNull(token, "token");
        put(cloudflare, scriptName, secretName, token.value());
    }

    /**
     * Sets {@code value} as the {@code secret_text} binding {@code secretName} of {@code scriptName}.
     *
     * @param cloudflare the client of the account the Worker belongs to
     * @param scriptName the Worker script, which must exist
     * @param secretName the binding name the script reads, such as {@code API_TOKEN}
     * @param value the value to set
     */
    public static void put(Cloudflare cloudflare, String scriptName, String secretName, Secret value) {
        requireNonNull(cloudflare, "cloudflare");
        cloudflare.workers().putSecret(scriptName, secretName, value);
    }
}
