package dev.cftokens.emulator.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The emulator's one JSON mapper; it reads and writes trees so that validation can name every field. */
public final class Json {
    // Jackson's defaults, stated so that the error message names them: 1,000 levels, 1,000 digits.
    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(1000)
            .maxNumberLength(1000)
            .build();
    /** The mapper, with Jackson's default limits stated. */
    public static final ObjectMapper MAPPER =
            new ObjectMapper(JsonFactory.builder().streamReadConstraints(LIMITS).build());
    /** What a redacted value shows instead of itself. */
    public static final String REDACTED = "****";
    // Jackson quotes a bare word it cannot parse ("Unrecognized token 'abc'"): a secret sent unquoted.
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("token '[^']*'(?=: was expecting)");

    private Json() {}

    /** {@return a new empty object} */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** {@return a new empty array} */
    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /**
     * {@return {@code node} as compact UTF-8 JSON}
     *
     * @param node the JSON to write
     */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a request body; malformed JSON is a 400 naming the line and column, never echoing the body.
     *
     * @param body the body's bytes
     * @param what what the body is, for the message, such as {@code "the request body"}
     * @return the parsed JSON, never empty
     * @throws ApiException a 400 for an empty body or malformed JSON
     */
    public static JsonNode parse(byte[] body, String what) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.validation(what + " is empty; expected a JSON object");
            }
            return node;
        } catch (StreamConstraintsException e) {
            // Nesting past 1,000 levels or a number past 1,000 digits: Jackson's limits, reported without a
            // location (so the general branch below would fail on it), and a malformed body like any other.
            throw ApiException.validation(what + " is not acceptable JSON: " + e.getOriginalMessage()
                    + "; nest at most " + LIMITS.getMaxNestingDepth() + " levels and keep numbers under "
                    + LIMITS.getMaxNumberLength() + " characters");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw ApiException.validation(what + " is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
                    + UNRECOGNIZED_TOKEN.matcher(e.getOriginalMessage()).replaceAll("token"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How a JSON value appears in an error message: strings quoted, long values cut, and the values of fields
     * that may hold a secret ({@link #isSecretField}) shown as {@value #REDACTED}, at any depth. Every
     * message that quotes a request body goes through here, and messages reach client exceptions and CI logs.
     *
     * @param value the value, or null
     * @return such as {@code {"name":"x","value":"****"}}, at most 80 characters
     */
    public static String show(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        String text = redacted(value).toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    /**
     * True for a field whose value may be a secret: {@code text} (a secret binding), {@code value} (a token
     * value, or meta of unknown meaning) and any name containing secret, token, key or password.
     *
     * @param name the field's name
     * @return whether its value is shown redacted
     */
    public static boolean isSecretField(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("text")
                || lower.equals("value")
                || lower.contains("secret")
                || lower.contains("token")
                || lower.contains("key")
                || lower.contains("password");
    }

    private static JsonNode redacted(JsonNode value) {
        if (value.isObject()) {
            ObjectNode copy = object();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(
                        field.getKey(),
                        isSecretField(field.getKey())
                                ? JsonNodeFactory.instance.textNode(REDACTED)
                                : redacted(field.getValue()));
            }
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = array();
            value.forEach(element -> copy.add(redacted(element)));
            return copy;
        }
        return value;
    }
}
