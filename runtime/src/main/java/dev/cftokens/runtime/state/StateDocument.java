package dev.cftokens.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cftokens.core.json.JsonTrees;
import dev.cftokens.core.model.TokenOwner;
import dev.cftokens.core.rules.Timestamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The state file's content and its JSON form:
 *
 * <pre>{@code
 * {"version": 2,
 *  "encryption": {"kdf": "PBKDF2WithHmacSHA256", "iterations": 210000, "salt": "<base64>",  // or "kdf": "none"
 *                 "cipher": "AES/GCM/NoPadding", "key_check": {"nonce": "..", "ciphertext": ".."}},
 *  "tokens": {"readonly-token": {"token_id": "..", "owner": "account", "account_id": "..",
 *             "name": "..", "spec_hash": "sha256:..", "value": {"nonce": "..", "ciphertext": ".."},
 *             "issued_at": "2026-01-01T00:00:00Z", "inputs": {"zoneId": ".."}, "generation": 2,
 *             "previous": {"token_id": "..", "retire_at": "2026-01-03T00:00:00Z", "revoked": true}}},
 *  "pending_creates": {"new-token": {"owner": "account", "account_id": "..", "spec_hash": "sha256:..",
 *                      "since": "2026-01-01T00:00:00Z"}}}
 * }</pre>
 *
 * {@code pending_creates}, {@code issued_at}, {@code inputs} and {@code previous} are optional: a file without them has
 * none; without {@code generation} a token is generation 1, without {@code revoked} a previous one was not revoked. Version 1, written before generations were recorded, is read as it is and written as version 2.
 *
 * Anything else (bad JSON, a missing field, another version) is refused with the path in the message.
 */
final class StateDocument {
    static final int VERSION = 2;

    /** The version before generations were recorded: the same layout without them. */
    private static final int WITHOUT_GENERATIONS = 1;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One token and its encrypted value, or a null value when none is kept. */
    record Entry(TokenRecord record, SealedValue value) {}

    EncryptionHeader encryption;
    final Map<String, Entry> entries = new LinkedHashMap<>();
    final Map<String, PendingCreate> pending = new LinkedHashMap<>();

    /** {@return the state file's content, or null when there is no file yet} */
    static byte[] bytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StateException("cannot read the state file " + path + ": " + e.getMessage(), e);
        }
    }

    static StateDocument parse(byte[] bytes, Path path) {
        JsonNode root;
        try {
            root = JsonTrees.read(bytes);
        } catch (IOException e) {
            throw corrupt(path, "it is not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (root == null || !root.isObject()) {
            throw corrupt(path, "it is not a JSON object");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber()) {
            throw corrupt(path, "it has no numeric \"version\"");
        }
        if (version.asInt() != VERSION && version.asInt() != WITHOUT_GENERATIONS) {
            throw new StateException("the state file " + path + " has version " + version.asText()
                    + ", but this cftokens reads version " + VERSION
                    + "; use the cftokens version that wrote it. The file was left unchanged.");
        }
        StateDocument document = new StateDocument();
        try {
            JsonNode encryption = root.get("encryption");
            if (encryption != null && !encryption.isNull()) {
                document.encryption = encryptionHeader(encryption, path);
            }
            JsonNode tokens = root.get("tokens");
            if (tokens == null || !tokens.isObject()) {
                throw corrupt(path, "it has no \"tokens\" object");
            }
            for (Map.Entry<String, JsonNode> field : tokens.properties()) {
                document.entries.put(field.getKey(), entry(field.getKey(), field.getValue()));
            }
            JsonNode pendingCreates = root.get("pending_creates");
            if (pendingCreates != null && !pendingCreates.isNull()) {
                if (!pendingCreates.isObject()) {
                    throw corrupt(path, "its \"pending_creates\" is not an object");
                }
                for (Map.Entry<String, JsonNode> field : pendingCreates.properties()) {
                    document.pending.put(field.getKey(), pendingCreate(field.getKey(), field.getValue()));
                }
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            throw corrupt(path, "an entry is malformed (" + e.getMessage() + ")");
        }
        return document;
    }

    byte[] toJson() {
        ObjectNode root = NODES.objectNode();
        root.put("version", VERSION);
        if (encryption != null) {
            root.set("encryption", encryption.toJson());
        }
        ObjectNode tokens = root.putObject("tokens");
        entries.values().forEach(entry -> tokens.set(entry.record().declarationId(), entryNode(entry)));
        if (!pending.isEmpty()) {
            ObjectNode pendingCreates = root.putObject("pending_creates");
            pending.values().forEach(create -> pendingCreates.set(create.declarationId(), pendingNode(create)));
        }
        return JsonTrees.writeIndentedBytes(root);
    }

    /** A token's entry as the file keeps it under {@code "tokens"}, and as the journal keeps a changed one. */
    static ObjectNode entryNode(Entry entry) {
        TokenRecord record = entry.record();
        ObjectNode node = NODES.objectNode();
        node.put("token_id", record.tokenId());
        node.put("owner", record.owner().name().toLowerCase(Locale.ROOT));
        node.put("account_id", record.accountId());
        node.put("name", record.name());
        node.put("spec_hash", record.specHash());
        if (entry.value() != null) {
            node.set("value", entry.value().toJson());
        }
        if (record.issuedAt() != null) {
            node.put("issued_at", Timestamps.format(record.issuedAt()));
        }
        if (!record.inputs().isEmpty()) {
            ObjectNode inputs = node.putObject("inputs");
            record.inputs().forEach(inputs::put);
        }
        if (record.previous() != null) {
            ObjectNode previous = node.putObject("previous");
            previous.put("token_id", record.previous().tokenId());
            previous.put("retire_at", Timestamps.format(record.previous().retireAt()));
            if (record.previous().revoked()) {
                previous.put("revoked", true);
            }
        }
        node.put("generation", record.generation());
        return node;
    }

    /**
     * The entry {@link #entryNode} wrote.
     *
     * @throws IllegalArgumentException or NullPointerException when a field is missing or malformed
     */
    static Entry entry(String declarationId, JsonNode node) {
        TokenRecord record = new TokenRecord(
                declarationId,
                text(node, "token_id"),
                TokenOwner.valueOf(text(node, "owner").toUpperCase(Locale.ROOT)),
                node.hasNonNull("account_id") ? node.get("account_id").asText() : null,
                text(node, "name"),
                text(node, "spec_hash"),
                node.hasNonNull("issued_at") ? instant(node, "issued_at") : null,
                node.hasNonNull("previous") ? previous(node.get("previous")) : null,
                node.hasNonNull("inputs") ? inputs(node.get("inputs")) : Map.of(),
                node.hasNonNull("generation") ? generation(node.get("generation")) : 1);
        JsonNode value = node.get("value");
        return new Entry(record, value == null || value.isNull() ? null : SealedValue.fromJson(value));
    }

    static ObjectNode pendingNode(PendingCreate create) {
        ObjectNode node = NODES.objectNode();
        node.put("owner", create.owner().name().toLowerCase(Locale.ROOT));
        node.put("account_id", create.accountId());
        node.put("spec_hash", create.specHash());
        node.put("since", Timestamps.format(create.since()));
        return node;
    }

    /**
     * The pending create {@link #pendingNode} wrote.
     *
     * @throws IllegalArgumentException or NullPointerException when a field is missing or malformed
     */
    static PendingCreate pendingCreate(String declarationId, JsonNode node) {
        return new PendingCreate(
                declarationId,
                TokenOwner.valueOf(text(node, "owner").toUpperCase(Locale.ROOT)),
                node.hasNonNull("account_id") ? node.get("account_id").asText() : null,
                text(node, "spec_hash"),
                Timestamps.parse(text(node, "since")));
    }

    /** The header the file's {@code "encryption"} object holds; a header cftokens cannot use is refused. */
    static EncryptionHeader encryptionHeader(JsonNode encryption, Path path) {
        try {
            return EncryptionHeader.fromJson(encryption);
        } catch (IllegalArgumentException e) {
            throw corrupt(path, e.getMessage());
        }
    }

    private static Instant instant(JsonNode node, String field) {
        return Timestamps.parse(text(node, field));
    }

    private static Map<String, String> inputs(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("\"inputs\" must be an object");
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            inputs.put(field.getKey(), text(node, field.getKey()));
        }
        return inputs;
    }

    private static PreviousGeneration previous(JsonNode node) {
        return new PreviousGeneration(
                text(node, "token_id"),
                instant(node, "retire_at"),
                node.path("revoked").asBoolean(false));
    }

    private static long generation(JsonNode node) {
        if (!node.canConvertToLong() || !node.isIntegralNumber()) {
            throw new IllegalArgumentException("\"generation\" must be a whole number");
        }
        return node.asLong();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return value.asText();
    }

    private static StateException corrupt(Path path, String why) {
        return new StateException("the state file " + path + " cannot be used: " + why
                + ". cftokens will not overwrite it; restore it from a backup, or move it aside to start over"
                + " (apply then adopts the tokens it recorded by name and grants, unless run with --no-adopt).");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
