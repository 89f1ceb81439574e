package dev.cftokens.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * One change to a state file's content. A session applies it to the document it holds and appends it to the
 * {@link StateJournal}; the next open replays the journal's changes the same way, so a change means the same
 * whether it was made live or recovered after a crash. Applying a change twice leaves what applying it once
 * left, which is what lets a journal be replayed onto a file that already holds some of its changes.
 */
sealed interface StateChange {
    /**
     * Applies the change.
     *
     * @param document the content to change
     * @return false when it changed nothing, so there is nothing to journal
     */
    boolean applyTo(StateDocument document);

    /** {@return the change as one line of the journal} */
    ObjectNode toJson();

    /** A token recorded, with its value or none; the declaration's pending create, if any, is settled by it. */
    record SetToken(StateDocument.Entry entry) implements StateChange {
        @Override
        public boolean applyTo(StateDocument document) {
            String id = entry.record().declarationId();
            document.entries.put(id, entry);
            document.pending.remove(id);
            return true;
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode line = line("set_token", entry.record().declarationId());
            line.set("token", StateDocument.entryNode(entry));
            return line;
        }
    }

    /** A declaration's token forgotten. */
    record RemoveToken(String declarationId) implements StateChange {
        @Override
        public boolean applyTo(StateDocument document) {
            return document.entries.remove(declarationId) != null;
        }

        @Override
        public ObjectNode toJson() {
            return line("remove_token", declarationId);
        }
    }

    /** A create about to be sent. */
    record SetPending(PendingCreate pending) implements StateChange {
        @Override
        public boolean applyTo(StateDocument document) {
            document.pending.put(pending.declarationId(), pending);
            return true;
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode line = line("set_pending", pending.declarationId());
            line.set("pending", StateDocument.pendingNode(pending));
            return line;
        }
    }

    /** A pending create dropped because its request was refused. */
    record RemovePending(String declarationId) implements StateChange {
        @Override
        public boolean applyTo(StateDocument document) {
            return document.pending.remove(declarationId) != null;
        }

        @Override
        public ObjectNode toJson() {
            return line("remove_pending", declarationId);
        }
    }

    /** The encryption of a state's first values, journaled before the first of them. */
    record SetEncryption(EncryptionHeader header) implements StateChange {
        @Override
        public boolean applyTo(StateDocument document) {
            document.encryption = header;
            return true;
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            line.put("change", "set_encryption");
            line.set("encryption", header.toJson());
            return line;
        }
    }

    /**
     * The change a journal line holds.
     *
     * @param line the line's JSON
     * @param journal the journal, for messages
     * @return the change
     * @throws IllegalArgumentException or NullPointerException when the line is not a change this version wrote
     */
    static StateChange of(JsonNode line, Path journal) {
        String change = StateDocument.text(line, "change");
        return switch (change) {
            case "set_token" -> new SetToken(StateDocument.entry(id(line), line.get("token")));
            case "remove_token" -> new RemoveToken(id(line));
            case "set_pending" -> new SetPending(StateDocument.pendingCreate(id(line), line.get("pending")));
            case "remove_pending" -> new RemovePending(id(line));
            case "set_encryption" -> new SetEncryption(StateDocument.encryptionHeader(line.get("encryption"), journal));
            default -> throw new IllegalArgumentException("\"" + change + "\" is not a change cftokens makes");
        };
    }

    private static String id(JsonNode line) {
        return StateDocument.text(line, "id");
    }

    private static ObjectNode line(String change, String declarationId) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("change", change);
        line.put("id", declarationId);
        return line;
    }
}
