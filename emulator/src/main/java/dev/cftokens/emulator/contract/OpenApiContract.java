package dev.cftokens.emulator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.cftokens.emulator.RecordedExchange;
import dev.cftokens.emulator.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks exchanges against Cloudflare's OpenAPI description of the token API ({@code openapi-tokens.json},
 * copied in from the project's research once): the JSON request body against the operation's request
 * schema, the JSON answer against the schema of its status ({@code 200}, or {@code 4XX} for every error).
 * Types, required fields, enums and nullability are checked; {@code date-time} formats too.
 *
 * <p>What it leaves alone, and why: paths the description does not cover (Worker scripts, {@code /accounts},
 * {@code /user}); statuses it does not describe (5xx faults); and 429, which Cloudflare's edge answers with
 * error code 971, below the description's minimum of 1000 for every error code.
 */
public final class OpenApiContract {
    private static final String RESOURCE = "dev/cftokens/emulator/contract/openapi-tokens.json";
    private static final OpenApiContract BUNDLED = new OpenApiContract();

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /** One method on one path template, with the pointer to its place in the document. */
    private record Operation(String method, Pattern path, int placeholders, String pointer, JsonNode node) {}

    private OpenApiContract() {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            document = Json.MAPPER.readTree(in);
            markReadOnlyReferences(document, document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        registry = SchemaRegistry.withDefaultDialect(
                Dialects.getOpenApi30(),
                builder -> builder.schemas(iri -> iri.equals(documentIri()) ? document.toString() : null));
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            Pattern pattern = Pattern.compile(path.getKey().replaceAll("\\{[^}]+}", "[^/]+"));
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                operations.add(new Operation(
                        method.getKey().toUpperCase(Locale.ROOT),
                        pattern,
                        path.getKey().split("\\{", -1).length - 1,
                        "/paths/" + escape(path.getKey()) + "/" + method.getKey(),
                        method.getValue()));
            }
        }
    }

    /** {@return the description bundled with the emulator} */
    public static OpenApiContract bundled() {
        return BUNDLED;
    }

    /**
     * {@return what is wrong with the request of {@code exchange}; empty when it conforms or is not described}
     *
     * @param exchange a recorded request and its answer
     */
    public List<String> requestViolations(RecordedExchange exchange) {
        Optional<Operation> operation = operation(exchange);
        if (operation.isEmpty() || !operation.get().node().has("requestBody")) {
            return List.of();
        }
        JsonNode requestBody = operation.get().node().path("requestBody");
        byte[] body = exchange.requestBody();
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return requestBody.path("required").asBoolean(false)
                    ? List.of(exchange + ": the request has no body, but the description requires one")
                    : List.of();
        }
        JsonNode schema = requestBody.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return List.of(); // {"application/json": {}}: any JSON body
        }
        return violations(
                exchange, "request", operation.get().pointer() + "/requestBody/content/application~1json/schema", body);
    }

    /**
     * {@return what is wrong with the answer of {@code exchange}; empty when it conforms or is not described}
     *
     * @param exchange a recorded request and its answer
     */
    public List<String> responseViolations(RecordedExchange exchange) {
        Optional<Operation> operation = operation(exchange);
        if (operation.isEmpty() || exchange.status() == 429) {
            return List.of();
        }
        JsonNode responses = operation.get().node().path("responses");
        String status = Integer.toString(exchange.status());
        String key = responses.has(status) ? status : status.charAt(0) + "XX";
        if (!responses.has(key)) {
            return List.of();
        }
        String type = exchange.responseContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return List.of(exchange + ": the answer is " + (type == null ? "untyped" : type)
                    + ", but the description answers application/json");
        }
        return violations(
                exchange,
                "answer",
                operation.get().pointer() + "/responses/" + key + "/content/application~1json/schema",
                exchange.responseBody());
    }

    private List<String> violations(RecordedExchange exchange, String what, String pointer, byte[] body) {
        JsonNode instance;
        try {
            instance = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return List.of(
                    exchange + ": the " + what + " is not JSON: " + e.getClass().getSimpleName());
        }
        Schema schema =
                schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(documentIri() + "#" + p)));
        List<Error> errors = schema.validate(
                instance,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)
                        // readOnly fields (ids, issued_on, a policy's id) are required in answers only.
                        .readOnly(what.equals("request"))
                        .writeOnly(what.equals("answer"))));
        List<String> found = new ArrayList<>();
        for (Error error : errors) {
            // The message names the place and the rule, never the value: answers hold token values.
            found.add(exchange + ": the " + what + " breaks the OpenAPI description at " + error.getInstanceLocation()
                    + ": " + error.getMessage() + " (schema " + error.getSchemaLocation() + ")");
        }
        return found;
    }

    private Optional<Operation> operation(RecordedExchange exchange) {
        return operations.stream()
                .filter(op -> op.method().equals(exchange.method())
                        && op.path().matcher(exchange.path()).matches())
                // A literal segment (verify, permission_groups) wins over a {token_id} placeholder.
                .min(java.util.Comparator.comparingInt(Operation::placeholders));
    }

    /**
     * Copies {@code readOnly: true} from a referenced schema onto each property that refers to it: the
     * validator skips a required property in a request only when the property's own node says readOnly, and
     * the description says it on the referenced schemas ({@code iam_policy_identifier} for a policy's id).
     */
    private static void markReadOnlyReferences(JsonNode node, JsonNode document) {
        if (node.isObject() && node.path("properties").isObject()) {
            for (Iterator<JsonNode> properties = node.path("properties").elements(); properties.hasNext(); ) {
                JsonNode property = properties.next();
                String ref = property.path("$ref").asText("");
                if (ref.startsWith("#/")
                        && document.at(ref.substring(1)).path("readOnly").asBoolean(false)) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) property).put("readOnly", true);
                }
            }
        }
        node.elements().forEachRemaining(child -> markReadOnlyReferences(child, document));
    }

    private static String documentIri() {
        return "https://cftokens.dev/emulator/openapi-tokens.json";
    }

    private static String escape(String pathTemplate) {
        return pathTemplate.replace("~", "~0").replace("/", "~1");
    }
}
