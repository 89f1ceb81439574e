package dev.cftokens.emulator.workers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cftokens.emulator.http.ApiException;
import dev.cftokens.emulator.http.ErrorCodes;
import dev.cftokens.emulator.http.ErrorDetail;
import dev.cftokens.emulator.http.Json;
import dev.cftokens.emulator.http.MultipartForm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a Worker script upload: the {@code metadata} part (main_module or body_part, compatibility_date,
 * bindings, keep_bindings) and the code parts, checking what Cloudflare checks.
 */
public final class WorkerUploadReader {
    private static final Pattern SCRIPT_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern BINDING_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    static final String MODULE_TYPE = "application/javascript+module";
    static final String SCRIPT_TYPE = "application/javascript";

    private WorkerUploadReader() {}

    /**
     * {@return a script name as Cloudflare allows it: lower-case letters, digits, - and _, at most 63}
     *
     * @param name the {@code script_name} of the path
     * @throws ApiException a 400 for any other name
     */
    public static String checkName(String name) {
        if (!SCRIPT_NAME.matcher(name).matches()) {
            throw ApiException.validation("script_name \"" + name + "\" is not a valid Worker name: use 1 to 63 "
                    + "lower-case letters, digits, - and _, starting with a letter or digit");
        }
        return name;
    }

    /**
     * Reads a script upload, checking what Cloudflare checks.
     *
     * @param name the script's name, already checked
     * @param form the upload's parts
     * @param previous the script this upload replaces, or null; its bindings of the types in
     *     {@code keep_bindings} survive unless the upload names them again
     * @param now the time the upload is stamped with
     * @return the script as uploaded
     * @throws ApiException a 400 saying what in the upload Cloudflare would refuse
     */
    public static WorkerScript read(String name, MultipartForm form, WorkerScript previous, Instant now) {
        List<ErrorDetail> problems = new ArrayList<>();
        MultipartForm.Part metadataPart = form.part("metadata")
                .orElseThrow(
                        () -> ApiException.validation(
                                "multipart body has no \"metadata\" part; send one with the script's main_module or body_part and bindings"));
        JsonNode metadata = Json.parse(metadataPart.content(), "metadata part");
        if (!metadata.isObject()) {
            throw ApiException.validation("metadata must be a JSON object, not " + Json.show(metadata));
        }
        String mainModule = text(metadata, "main_module", problems);
        String bodyPart = text(metadata, "body_part", problems);
        if ((mainModule == null) == (bodyPart == null)) {
            problems.add(problem("metadata needs exactly one of main_module (an ES module script) and body_part "
                    + "(a service-worker script), not " + (mainModule == null ? "neither" : "both")));
        }
        String entry = mainModule != null ? mainModule : bodyPart;
        if (entry != null) {
            MultipartForm.Part code = form.part(entry).orElse(null);
            if (code == null) {
                problems.add(problem((mainModule != null ? "main_module" : "body_part") + " \"" + entry
                        + "\" names no part of the upload; add a part named \"" + entry + "\" with the code"));
            } else {
                String expected = mainModule != null ? MODULE_TYPE : SCRIPT_TYPE;
                if (code.contentType() == null
                        || !code.contentType().toLowerCase(Locale.ROOT).startsWith(expected)
                        || (mainModule == null
                                && code.contentType().toLowerCase(Locale.ROOT).startsWith(MODULE_TYPE))) {
                    problems.add(problem("part \"" + entry + "\" has content type "
                            + (code.contentType() == null ? "none" : "\"" + code.contentType() + "\"") + "; "
                            + (mainModule != null ? "an ES module" : "a service-worker script")
                            + " needs " + expected));
                }
            }
        }
        String compatibilityDate = text(metadata, "compatibility_date", problems);
        if (compatibilityDate != null && !DATE.matcher(compatibilityDate).matches()) {
            problems.add(problem("compatibility_date \"" + compatibilityDate + "\" is not a date such as 2024-09-23"));
        }
        List<WorkerBinding> bindings = bindings(metadata.get("bindings"), problems);
        Set<String> keepTypes = keepBindings(metadata.get("keep_bindings"), problems);
        if (!problems.isEmpty()) {
            throw new ApiException(400, problems);
        }
        if (previous != null && !keepTypes.isEmpty()) {
            Set<String> named = new LinkedHashSet<>();
            bindings.forEach(b -> named.add(b.name()));
            for (WorkerBinding kept : previous.bindings()) {
                if (keepTypes.contains(kept.type()) && !named.contains(kept.name())) {
                    bindings.add(kept);
                }
            }
        }
        List<WorkerScript.Module> modules = new ArrayList<>();
        MessageDigest digest = sha256();
        for (MultipartForm.Part part : form.parts()) {
            if (part.name().equals("metadata")) {
                continue;
            }
            modules.add(new WorkerScript.Module(part.name(), part.contentType(), part.content()));
            digest.update(part.content());
        }
        Instant created = previous != null ? previous.createdOn() : now;
        return new WorkerScript(
                name,
                mainModule,
                bodyPart,
                compatibilityDate,
                modules,
                bindings,
                HexFormat.of().formatHex(digest.digest()),
                created,
                now);
    }

    /**
     * {@return the body of {@code PUT .../secrets}: {name, text, type: "secret_text"}}
     *
     * @param body the parsed request body
     * @throws ApiException a 400 for a body of another shape
     */
    public static WorkerBinding readSecret(JsonNode body) {
        List<ErrorDetail> problems = new ArrayList<>();
        if (!body.isObject()) {
            throw ApiException.validation(
                    "secret body must be {\"name\", \"text\", \"type\": \"secret_text\"}, not " + Json.show(body));
        }
        String name = text(body, "name", problems);
        String type = text(body, "type", problems);
        JsonNode text = body.get("text");
        if (name == null) {
            problems.add(problem("name is required: the binding name the script reads the secret by"));
        } else if (!BINDING_NAME.matcher(name).matches()) {
            problems.add(problem("name \"" + name + "\" is not a valid binding name (a JavaScript identifier)"));
        }
        if (!WorkerBinding.SECRET_TEXT.equals(type)) {
            problems.add(
                    problem("type must be \"secret_text\", not " + (type == null ? "missing" : "\"" + type + "\"")));
        }
        if (text == null || !text.isTextual()) {
            // The text is a secret: its value is never repeated, only its JSON type.
            problems.add(problem("text must be a string, not " + (text == null ? "missing" : text.getNodeType())));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(400, problems);
        }
        return new WorkerBinding(name, WorkerBinding.SECRET_TEXT, text.asText());
    }

    private static List<WorkerBinding> bindings(JsonNode node, List<ErrorDetail> problems) {
        List<WorkerBinding> bindings = new ArrayList<>();
        if (node == null || node.isNull()) {
            return bindings;
        }
        if (!node.isArray()) {
            problems.add(problem("metadata.bindings must be a list, not " + Json.show(node)));
            return bindings;
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String where = "metadata.bindings[" + i + "]";
            JsonNode binding = node.get(i);
            if (!binding.isObject()) {
                problems.add(problem(where + " must be an object {type, name, ...}, not " + Json.show(binding)));
                continue;
            }
            String type = text(binding, "type", problems);
            String name = text(binding, "name", problems);
            if (type == null || name == null) {
                problems.add(problem(where + " needs a string type and a string name"));
                continue;
            }
            if (!BINDING_NAME.matcher(name).matches()) {
                problems.add(problem(
                        where + ".name \"" + name + "\" is not a valid binding name (a JavaScript identifier)"));
                continue;
            }
            if (!names.add(name)) {
                problems.add(problem(where + ".name \"" + name + "\" is bound twice"));
                continue;
            }
            String text = null;
            if (type.equals(WorkerBinding.SECRET_TEXT) || type.equals(WorkerBinding.PLAIN_TEXT)) {
                JsonNode textNode = binding.get("text");
                if (textNode == null || !textNode.isTextual()) {
                    problems.add(problem(where + " (" + type + " \"" + name + "\") needs a string text"));
                    continue;
                }
                text = textNode.asText();
            }
            bindings.add(new WorkerBinding(name, type, text));
        }
        return bindings;
    }

    private static Set<String> keepBindings(JsonNode node, List<ErrorDetail> problems) {
        Set<String> types = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return types;
        }
        if (!node.isArray()) {
            problems.add(problem("metadata.keep_bindings must be a list of binding types, not " + Json.show(node)));
            return types;
        }
        node.forEach(type -> {
            if (type.isTextual()) {
                types.add(type.asText());
            } else {
                problems.add(problem("metadata.keep_bindings holds " + Json.show(type) + "; it lists binding types"));
            }
        });
        return types;
    }

    private static String text(JsonNode node, String field, List<ErrorDetail> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(problem(field + " must be a string, not " + Json.show(value)));
            return null;
        }
        return value.asText();
    }

    private static ErrorDetail problem(String message) {
        return new ErrorDetail(ErrorCodes.VALIDATION, message);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
