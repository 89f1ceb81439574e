package dev.cftokens.state.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cftokens.core.json.JsonTrees;
import dev.cftokens.runtime.state.StateException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A record's input values in the {@code inputs} column: a JSON object of strings, null for none. */
final class StoredInputs {
    private StoredInputs() {}

    static String write(Map<String, String> inputs) {
        if (inputs.isEmpty()) {
            return null;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        inputs.forEach(node::put);
        return JsonTrees.write(node);
    }

    static Map<String, String> read(String stored) {
        if (stored == null) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = JsonTrees.read(stored);
        } catch (IOException e) {
            throw new StateException("a record's inputs column holds no JSON object: " + e.getMessage(), e);
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        node.properties()
                .forEach(field -> inputs.put(field.getKey(), field.getValue().asText()));
        return inputs;
    }
}
