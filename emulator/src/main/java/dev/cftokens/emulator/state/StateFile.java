package dev.cftokens.emulator.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cftokens.core.model.PolicyEffect;
import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.model.ResourceGrant;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.model.TokenStatus;
import dev.cftokens.core.rules.Timestamps;
import dev.cftokens.emulator.http.Json;
import dev.cftokens.emulator.tokens.GrantedGroup;
import dev.cftokens.emulator.tokens.StoredPolicy;
import dev.cftokens.emulator.tokens.StoredToken;
import dev.cftokens.emulator.workers.WorkerBinding;
import dev.cftokens.emulator.workers.WorkerScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The emulator's state in a JSON file, so that a standalone emulator keeps its account, tokens and scripts
 * across restarts. Token values are never written (only their SHA-256, which is what authentication
 * checks), nor the text of secret bindings. Every save writes a temporary file beside the target and
 * moves it over atomically, so a crash leaves the old or the new state, never half of one.
 */
public final class StateFile {
    static final int VERSION = 1;

    private final Path path;

    /**
     * What the file holds.
     *
     * @param accountId the account's id
     * @param userId the user's id
     * @param tokens the tokens, in issue order
     * @param scripts the Worker scripts, in upload order
     */
    public record State(String accountId, String userId, List<StoredToken> tokens, List<WorkerScript> scripts) {
        /**
         * Copies the lists.
         *
         * @param accountId the account's id
         * @param userId the user's id
         * @param tokens the tokens, in issue order
         * @param scripts the Worker scripts, in upload order
         */
        public State {
            tokens = List.copyOf(tokens);
            scripts = List.copyOf(scripts);
        }
    }

    /**
     * The state kept in {@code path}.
     *
     * @param path the file; it need not exist yet
     */
    public StateFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    /** {@return the file, as an absolute path} */
    public Path path() {
        return path;
    }

    /** {@return true when the file exists, so there is a state to load} */
    public boolean exists() {
        return Files.exists(path);
    }

    /**
     * Writes {@code state} atomically over the file.
     *
     * @param state what to keep
     * @throws UncheckedIOException when the file cannot be written
     */
    public synchronized void save(State state) {
        ObjectNode root = Json.object();
        root.put("version", VERSION);
        root.put("account_id", state.accountId());
        root.put("user_id", state.userId());
        ArrayNode tokens = root.putArray("tokens");
        state.tokens().forEach(token -> tokens.add(token(token)));
        ArrayNode scripts = root.putArray("worker_scripts");
        state.scripts().forEach(script -> scripts.add(script(script)));
        try {
            Path dir = path.getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
            try {
                Files.write(temp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                try {
                    Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write emulator state " + path, e);
        }
    }

    /**
     * {@return the state the file holds}
     *
     * @throws IllegalStateException when the file is not readable JSON or not a state of this version
     */
    public State load() {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(path.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("emulator state " + path + " is not readable JSON: " + e.getMessage(), e);
        }
        try {
            if (root == null || root.path("version").asInt() != VERSION) {
                throw new IllegalStateException(
                        "version is " + (root == null ? "missing" : root.path("version")) + ", expected " + VERSION);
            }
            List<StoredToken> tokens = new ArrayList<>();
            for (JsonNode token : root.path("tokens")) {
                tokens.add(token(token));
            }
            List<WorkerScript> scripts = new ArrayList<>();
            for (JsonNode script : root.path("worker_scripts")) {
                scripts.add(script(script));
            }
            return new State(required(root, "account_id"), required(root, "user_id"), tokens, scripts);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "emulator state " + path + " is not a state file of this version: " + e.getMessage()
                            + "; move it away to start afresh",
                    e);
        }
    }

    private static ObjectNode token(StoredToken token) {
        ObjectNode node = Json.object();
        node.put("id", token.id());
        node.put("owner", token.owner().name());
        node.put("name", token.name());
        node.put("status", token.status().wireName());
        node.put("issued_on", Timestamps.format(token.issuedOn()));
        node.put("modified_on", Timestamps.format(token.modifiedOn()));
        putInstant(node, "last_used_on", token.lastUsedOn());
        putInstant(node, "not_before", token.notBefore());
        putInstant(node, "expires_on", token.expiresOn());
        ArrayNode policies = node.putArray("policies");
        for (StoredPolicy policy : token.policies()) {
            ObjectNode p = policies.addObject();
            p.put("id", policy.id());
            p.put("effect", policy.effect().wireName());
            ArrayNode groups = p.putArray("permission_groups");
            for (GrantedGroup group : policy.groups()) {
                ObjectNode g = groups.addObject().put("id", group.id());
                if (group.metaKey() != null || group.metaValue() != null) {
                    g.putObject("meta").put("key", group.metaKey()).put("value", group.metaValue());
                }
            }
            ObjectNode resources = p.putObject("resources");
            for (ResourceGrant grant : policy.resources()) {
                if (grant.nested().isEmpty()) {
                    resources.put(grant.key(), "*");
                } else {
                    ObjectNode nested = resources.putObject(grant.key());
                    grant.nested().stream().sorted().forEach(k -> nested.put(k, "*"));
                }
            }
        }
        ObjectNode requestIp = node.putObject("request_ip");
        token.condition().in().stream().sorted().forEach(requestIp.putArray("in")::add);
        token.condition().notIn().stream().sorted().forEach(requestIp.putArray("not_in")::add);
        node.put("value_sha256", token.valueHash());
        return node;
    }

    private static StoredToken token(JsonNode node) {
        List<StoredPolicy> policies = new ArrayList<>();
        for (JsonNode p : node.path("policies")) {
            List<GrantedGroup> groups = new ArrayList<>();
            for (JsonNode g : p.path("permission_groups")) {
                JsonNode meta = g.path("meta");
                groups.add(new GrantedGroup(required(g, "id"), textOrNull(meta, "key"), textOrNull(meta, "value")));
            }
            List<ResourceGrant> resources = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : p.path("resources").properties()) {
                Set<String> nested = new LinkedHashSet<>();
                entry.getValue().fieldNames().forEachRemaining(nested::add);
                resources.add(new ResourceGrant(entry.getKey(), nested));
            }
            policies.add(new StoredPolicy(
                    required(p, "id"), PolicyEffect.fromWireName(required(p, "effect")), groups, resources));
        }
        Set<String> in = new LinkedHashSet<>();
        node.path("request_ip").path("in").forEach(c -> in.add(c.asText()));
        Set<String> notIn = new LinkedHashSet<>();
        node.path("request_ip").path("not_in").forEach(c -> notIn.add(c.asText()));
        TokenStatus status = TokenStatus.find(required(node, "status")).orElse(null);
        if (status == null) {
            throw new IllegalStateException("token " + node.path("id") + " has status " + node.path("status"));
        }
        return new StoredToken(
                required(node, "id"),
                TokenOwner.valueOf(required(node, "owner")),
                required(node, "name"),
                status,
                instant(node, "issued_on"),
                instant(node, "modified_on"),
                instant(node, "last_used_on"),
                instant(node, "not_before"),
                instant(node, "expires_on"),
                policies,
                new RequestIpCondition(in, notIn),
                required(node, "value_sha256"));
    }

    private static ObjectNode script(WorkerScript script) {
        ObjectNode node = Json.object();
        node.put("name", script.name());
        node.put("main_module", script.mainModule());
        node.put("body_part", script.bodyPart());
        node.put("compatibility_date", script.compatibilityDate());
        node.put("etag", script.etag());
        node.put("created_on", Timestamps.format(script.createdOn()));
        node.put("modified_on", Timestamps.format(script.modifiedOn()));
        ArrayNode modules = node.putArray("modules");
        script.modules()
                .forEach(m -> modules.addObject()
                        .put("name", m.name())
                        .put("content_type", m.contentType())
                        .put("content_base64", Base64.getEncoder().encodeToString(m.content())));
        ArrayNode bindings = node.putArray("bindings");
        for (WorkerBinding binding : script.bindings()) {
            ObjectNode b = bindings.addObject().put("name", binding.name()).put("type", binding.type());
            // Secret texts are usually token values: they stay in memory only.
            if (!binding.isSecret()) {
                b.put("text", binding.text());
            }
        }
        return node;
    }

    private static WorkerScript script(JsonNode node) {
        List<WorkerScript.Module> modules = new ArrayList<>();
        node.path("modules")
                .forEach(m -> modules.add(new WorkerScript.Module(
                        required(m, "name"),
                        textOrNull(m, "content_type"),
                        // Files written before downloads existed kept only the size: their code reads back empty.
                        Base64.getDecoder().decode(m.path("content_base64").asText("")))));
        List<WorkerBinding> bindings = new ArrayList<>();
        node.path("bindings")
                .forEach(b -> bindings.add(
                        new WorkerBinding(required(b, "name"), required(b, "type"), textOrNull(b, "text"))));
        return new WorkerScript(
                required(node, "name"),
                textOrNull(node, "main_module"),
                textOrNull(node, "body_part"),
                textOrNull(node, "compatibility_date"),
                modules,
                bindings,
                required(node, "etag"),
                instant(node, "created_on"),
                instant(node, "modified_on"));
    }

    private static void putInstant(ObjectNode node, String field, Instant instant) {
        if (instant == null) {
            node.putNull(field);
        } else {
            node.put(field, Timestamps.format(instant));
        }
    }

    private static Instant instant(JsonNode node, String field) {
        String text = textOrNull(node, field);
        return text == null ? null : Timestamps.parse(text);
    }

    private static String required(JsonNode node, String field) {
        String text = textOrNull(node, field);
        if (text == null) {
            throw new IllegalStateException("an entry has no \"" + field + "\"");
        }
        return text;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
