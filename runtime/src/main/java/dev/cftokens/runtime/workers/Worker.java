package dev.cftokens.runtime.workers;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.ProvisionedToken;
import dev.cftokens.runtime.Secret;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A Worker script to upload, with its bindings; immutable, every method returns a changed copy.
 *
 * <pre>{@code
 * Worker.named("my-worker")
 *     .script("addEventListener('fetch', e => e.respondWith(new Response('hi')))")
 *     .bind("API_TOKEN", token)          // the token's value as a secret_text binding
 *     .bindText("STAGE", "production")   // a plain_text binding
 *     .deploy(cloudflare);               // PUT /accounts/{id}/workers/scripts/my-worker
 * }</pre>
 */
public final class Worker {
    /** The compatibility date used unless {@link #compatibilityDate} sets another. */
    public static final String DEFAULT_COMPATIBILITY_DATE = "2025-01-01";

    private static final Pattern SCRIPT_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z0-9_.-]+\\.m?js");
    private static final Pattern BINDING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern BINDING_TYPE = Pattern.compile("[a-z][a-z0-9_]*");

    private final String name;
    private final String source;
    private final String moduleName; // null for a service-worker script
    private final String compatibilityDate;
    private final Map<String, Binding> bindings;
    private final Set<String> keptBindingTypes;

    /**
     * A binding of the metadata: {@code secret_text} holds a {@link Secret}, {@code plain_text} a string; a
     * token's binding also names the token, so a deploy can follow its rotations, and the id of the token
     * whose value it holds.
     */
    record Binding(String name, String type, Secret secret, String text, ProvisionedToken<?> token, String tokenId) {
        /** The token's value now; its id is read first, so a move in between shows as a changed id later. */
        static Binding of(String name, ProvisionedToken<?> token) {
            String id = token.id();
            return new Binding(name, "secret_text", token.value(), null, token, id);
        }

        @Override
        public String toString() {
            return name + ": " + type + (secret != null ? " " + secret : " \"" + text + "\"");
        }
    }

    private Worker(
            String name,
            String source,
            String moduleName,
            String compatibilityDate,
            Map<String, Binding> bindings,
            Set<String> keptBindingTypes) {
        this.name = name;
        this.source = source;
        this.moduleName = moduleName;
        this.compatibilityDate = compatibilityDate;
        this.bindings = Map.copyOf(bindings);
        this.keptBindingTypes = Collections.unmodifiableSet(new TreeSet<>(keptBindingTypes));
    }

    /**
     * A Worker called {@code name}: lower-case letters, digits, {@code -} and {@code _}, at most 63
     * characters.
     *
     * @param name the script's name in the account
     * @return a Worker with no code or bindings yet
     * @throws IllegalArgumentException when {@code name} breaks those rules
     */
    public static Worker named(String name) {
        return new Worker(
                checkScriptName(name), null, null, DEFAULT_COMPATIBILITY_DATE, new LinkedHashMap<>(), Set.of());
    }

    static String checkScriptName(String name) {
        requireNonNull(name, "name");
        if (!SCRIPT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a Worker name is 1 to 63 lower-case letters, digits, '-' or '_',"
                    + " starting with a letter or digit, such as \"my-worker\"; not \"" + name + "\"");
        }
        return name;
    }

    /**
     * The script as a service worker ({@code addEventListener('fetch', ...)}), uploaded as {@code worker.js}.
     *
     * @param source the JavaScript source
     * @return a copy of this Worker with that script
     */
    public Worker script(String source) {
        return new Worker(name, checkSource(source), null, compatibilityDate, bindings, keptBindingTypes);
    }

    /**
     * The script as an ES module ({@code export default {fetch(...)}}) named {@code fileName}.
     *
     * @param fileName the module's file name, such as {@code index.js}
     * @param source the JavaScript source
     * @return a copy of this Worker with that script
     */
    public Worker module(String fileName, String source) {
        requireNonNull(fileName, "fileName");
        if (!MODULE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException(
                    "a module file name ends in .js or .mjs, such as \"index.js\"; not \"" + fileName + "\"");
        }
        return new Worker(name, checkSource(source), fileName, compatibilityDate, bindings, keptBindingTypes);
    }

    /**
     * The Workers runtime's compatibility date; default {@value #DEFAULT_COMPATIBILITY_DATE}.
     *
     * @param date the date, {@code YYYY-MM-DD}
     * @return a copy of this Worker with that date
     */
    public Worker compatibilityDate(String date) {
        requireNonNull(date, "date");
        try {
            LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "a compatibility date is YYYY-MM-DD, such as \"2025-01-01\"; not \"" + date + "\"", e);
        }
        return new Worker(name, source, moduleName, date, bindings, keptBindingTypes);
    }

    /**
     * Binds the token's value as a {@code secret_text} binding (in the script: {@code env.NAME}).
     *
     * @param bindingName the name the script reads, a JavaScript identifier such as {@code API_TOKEN}
     * @param token the provisioned token whose value is bound
     * @return a copy of this Worker with the binding
     */
    public Worker bind(String bindingName, ProvisionedToken<?> token) {
        requireNonNull(token, "token");
        return withBinding(Binding.of(checkBindingName(bindingName), token));
    }

    /**
     * Binds a secret as a {@code secret_text} binding.
     *
     * @param bindingName the name the script reads, a JavaScript identifier such as {@code API_TOKEN}
     * @param secret the value
     * @return a copy of this Worker with the binding
     */
    public Worker bind(String bindingName, Secret secret) {
        requireNonNull(secret, "secret");
        return withBinding(new Binding(checkBindingName(bindingName), "secret_text", secret, null, null, null));
    }

    /**
     * Binds a string that is not secret as a {@code plain_text} binding.
     *
     * @param bindingName the name the script reads, a JavaScript identifier
     * @param text the value
     * @return a copy of this Worker with the binding
     */
    public Worker bindText(String bindingName, String text) {
        requireNonNull(text, "text");
        return withBinding(new Binding(checkBindingName(bindingName), "plain_text", null, text, null, null));
    }

    /**
     * Keeps the bindings of these types that the deployed script already has, such as {@code
     * "secret_text"}, sent as the metadata's {@code keep_bindings}. An upload replaces the whole script
     * with its bindings: without this, a redeploy deletes the secrets set earlier with {@link
     * WorkerSecrets#put} or {@code wrangler secret put}. Bindings declared here still replace kept ones
     * of the same name. Adds to the types given before.
     *
     * @param types binding types as Cloudflare names them: {@code secret_text}, {@code plain_text},
     *     {@code kv_namespace}, ...
     * @return a copy of this Worker that keeps those types too
     */
    public Worker keepBindings(String... types) {
        requireNonNull(types, "types");
        Set<String> more = new TreeSet<>(keptBindingTypes);
        for (String type : types) {
            requireNonNull(type, "type");
            if (!BINDING_TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("a binding type is lower-case letters, digits and '_', such as"
                        + " \"secret_text\"; not \"" + type + "\"");
            }
            more.add(type);
        }
        return new Worker(name, source, moduleName, compatibilityDate, bindings, more);
    }

    /**
     * Uploads the script with its bindings, replacing the script of that name if there is one. A binding
     * of a {@link ProvisionedToken} uploads the value the handle holds now, and follows the token: when the
     * handle moves to the next generation (a rotation), the script's secret is set to the new value, while
     * the previous generation is still in its overlap. Redeploying follows each binding once (the last
     * deploy through {@code cloudflare} says which token a binding follows), so a move sets each secret once.
     *
     * @param cloudflare the client of the account the Worker belongs to
     * @throws IllegalStateException when no script or module was given
     */
    public void deploy(Cloudflare cloudflare) {
        requireNonNull(cloudflare, "cloudflare");
        if (source == null) {
            throw new IllegalStateException("Worker \"" + name
                    + "\" has no code: call script(source) or module(fileName, source) before deploy");
        }
        // The handles may have moved since bind(): the upload carries the values they hold now.
        Map<String, Binding> current = new LinkedHashMap<>();
        bindings.forEach((bindingName, binding) ->
                current.put(bindingName, binding.token() == null ? binding : Binding.of(bindingName, binding.token())));
        Worker uploaded = new Worker(name, source, moduleName, compatibilityDate, current, keptBindingTypes);
        WorkerScripts scripts = cloudflare.workers();
        scripts.upload(uploaded);
        scripts.followed().deployed(uploaded);
    }

    private Worker withBinding(Binding binding) {
        if (bindings.containsKey(binding.name())) {
            throw new IllegalArgumentException("Worker \"" + name + "\" already has a binding named " + binding.name()
                    + "; binding names are unique");
        }
        Map<String, Binding> more = new LinkedHashMap<>(bindings);
        more.put(binding.name(), binding);
        return new Worker(name, source, moduleName, compatibilityDate, more, keptBindingTypes);
    }

    private static String checkSource(String source) {
        requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("a Worker script must not be empty");
        }
        return source;
    }

    static String checkBindingName(String bindingName) {
        requireNonNull(bindingName, "bindingName");
        if (!BINDING_NAME.matcher(bindingName).matches()) {
            throw new IllegalArgumentException("a binding name is a JavaScript identifier such as \"API_TOKEN\";"
                    + " not \"" + bindingName + "\"");
        }
        return bindingName;
    }

    /** {@return the script's name in the account} */
    public String name() {
        return name;
    }

    String source() {
        return source;
    }

    /** The ES module file name, or null for a service-worker script. */
    String moduleName() {
        return moduleName;
    }

    String compatibilityDate() {
        return compatibilityDate;
    }

    /** The bindings sorted by name, for a stable metadata document. */
    List<Binding> bindings() {
        return bindings.values().stream()
                .sorted(Comparator.comparing(Binding::name))
                .toList();
    }

    /** The binding types the upload keeps from the deployed script, sorted; empty for none. */
    Set<String> keptBindingTypes() {
        return keptBindingTypes;
    }

    /** Name, kind and binding names and types; secrets masked. */
    @Override
    public String toString() {
        return "Worker{" + name + ", " + (moduleName == null ? "service worker" : "module " + moduleName)
                + ", compatibility_date " + compatibilityDate + ", bindings " + bindings()
                + (keptBindingTypes.isEmpty() ? "" : ", keeps " + keptBindingTypes) + "}";
    }
}
