package dev.cftokens.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cftokens.core.rules.Timestamps;
import dev.cftokens.emulator.access.Caller;
import dev.cftokens.emulator.access.Permissions;
import dev.cftokens.emulator.http.ApiRequest;
import dev.cftokens.emulator.http.ApiResponse;
import dev.cftokens.emulator.http.Json;
import dev.cftokens.emulator.http.MultipartForm;
import dev.cftokens.emulator.http.Router;
import dev.cftokens.emulator.workers.WorkerBinding;
import dev.cftokens.emulator.workers.WorkerScript;
import dev.cftokens.emulator.workers.WorkerScriptStore;
import dev.cftokens.emulator.workers.WorkerUploadReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Worker scripts: list, upload, download, delete, secrets, and the read-back of a script's bindings (names
 * and types; a secret's text never leaves through HTTP).
 */
final class WorkerEndpoints {
    private static final String SCRIPTS = "/accounts/{account_id}/workers/scripts";
    private static final String SCRIPT = SCRIPTS + "/{script_name}";

    private final Identity identity;
    private final Permissions permissions;
    private final WorkerScriptStore scripts;

    WorkerEndpoints(Identity identity, Permissions permissions, WorkerScriptStore scripts) {
        this.identity = identity;
        this.permissions = permissions;
        this.scripts = scripts;
    }

    void register(Router<Endpoint> router) {
        router.add("GET", SCRIPTS, new Endpoint(RequestKind.LIST_WORKER_SCRIPTS, this::list));
        router.add("GET", SCRIPT, new Endpoint(RequestKind.GET_WORKER_SCRIPT, this::download));
        router.add("PUT", SCRIPT, new Endpoint(RequestKind.UPLOAD_WORKER_SCRIPT, this::upload));
        router.add("DELETE", SCRIPT, new Endpoint(RequestKind.DELETE_WORKER_SCRIPT, this::delete));
        router.add("PUT", SCRIPT + "/secrets", new Endpoint(RequestKind.PUT_WORKER_SECRET, this::putSecret));
        router.add("GET", SCRIPT + "/secrets", new Endpoint(RequestKind.LIST_WORKER_SECRETS, this::listSecrets));
        router.add("GET", SCRIPT + "/settings", new Endpoint(RequestKind.GET_WORKER_SETTINGS, this::settings));
    }

    private ApiResponse upload(ApiRequest request, Caller caller) {
        String name = authorize(request, caller, true);
        MultipartForm form = MultipartForm.parse(request.header("Content-Type"), request.body());
        WorkerScript script =
                WorkerUploadReader.read(name, form, scripts.get(name).orElse(null), scripts.now());
        scripts.put(script);
        return ApiResponse.ok(summary(script));
    }

    private ApiResponse list(ApiRequest request, Caller caller) {
        identity.requireAccount(request);
        requireRead(caller);
        ArrayNode result = Json.array();
        scripts.all().forEach(script -> result.add(summary(script)));
        return ApiResponse.ok(result);
    }

    /**
     * The script's code as uploaded, not an envelope: a service-worker script as its one file, an ES module
     * script as multipart/form-data with a part per module.
     */
    private ApiResponse download(ApiRequest request, Caller caller) {
        WorkerScript script = scripts.require(authorize(request, caller, false));
        List<WorkerScript.Module> modules = script.modules();
        if (script.bodyPart() != null && modules.size() == 1) {
            WorkerScript.Module only = modules.get(0);
            return ApiResponse.download(
                    only.contentType() == null ? "application/javascript" : only.contentType(), only.content());
        }
        List<MultipartForm.Part> parts = new ArrayList<>();
        for (WorkerScript.Module module : modules) {
            parts.add(new MultipartForm.Part(module.name(), module.name(), module.contentType(), module.content()));
        }
        // The etag is a SHA-256 of the parts: a boundary made from it cannot plausibly occur inside them.
        String boundary = "cftokens-emulator-" + script.etag();
        return ApiResponse.download(MultipartForm.contentType(boundary), MultipartForm.write(boundary, parts));
    }

    /** Removes the script; {@code ?force=true} is accepted, as nothing else binds a script here. */
    private ApiResponse delete(ApiRequest request, Caller caller) {
        WorkerScript removed = scripts.delete(authorize(request, caller, true));
        ObjectNode result = Json.object();
        result.put("id", removed.name());
        return ApiResponse.ok(result);
    }

    /** What the upload answers and the list shows of a script. */
    private static ObjectNode summary(WorkerScript script) {
        ObjectNode result = Json.object();
        result.put("id", script.name());
        result.put("etag", script.etag());
        result.put("created_on", Timestamps.format(script.createdOn()));
        result.put("modified_on", Timestamps.format(script.modifiedOn()));
        if (script.compatibilityDate() != null) {
            result.put("compatibility_date", script.compatibilityDate());
        }
        result.put("has_modules", script.mainModule() != null);
        result.put("usage_model", "standard");
        result.putArray("handlers").add("fetch");
        return result;
    }

    private ApiResponse putSecret(ApiRequest request, Caller caller) {
        String name = authorize(request, caller, true);
        WorkerBinding secret = WorkerUploadReader.readSecret(Json.parse(request.body(), "request body"));
        scripts.putSecret(name, secret);
        ObjectNode result = Json.object();
        result.put("name", secret.name());
        result.put("type", secret.type());
        return ApiResponse.ok(result);
    }

    private ApiResponse listSecrets(ApiRequest request, Caller caller) {
        String name = authorize(request, caller, false);
        ArrayNode result = Json.array();
        for (WorkerBinding binding : scripts.require(name).bindings()) {
            if (binding.isSecret()) {
                result.addObject().put("name", binding.name()).put("type", binding.type());
            }
        }
        return ApiResponse.ok(result);
    }

    private ApiResponse settings(ApiRequest request, Caller caller) {
        String name = authorize(request, caller, false);
        WorkerScript script = scripts.require(name);
        ObjectNode result = Json.object();
        ArrayNode bindings = result.putArray("bindings");
        for (WorkerBinding binding : script.bindings()) {
            ObjectNode node = bindings.addObject();
            node.put("name", binding.name());
            node.put("type", binding.type());
            if (WorkerBinding.PLAIN_TEXT.equals(binding.type())) {
                node.put("text", binding.text());
            }
        }
        if (script.compatibilityDate() != null) {
            result.put("compatibility_date", script.compatibilityDate());
        }
        result.put("usage_model", "standard");
        return ApiResponse.ok(result);
    }

    private String authorize(ApiRequest request, Caller caller, boolean write) {
        identity.requireAccount(request);
        if (write) {
            permissions.require(
                    caller, identity.accountResourceKey(), "change Worker scripts", "Workers Scripts Write");
        } else {
            requireRead(caller);
        }
        return WorkerUploadReader.checkName(request.pathParam("script_name"));
    }

    private void requireRead(Caller caller) {
        permissions.require(
                caller,
                identity.accountResourceKey(),
                "read Worker scripts",
                "Workers Scripts Read",
                "Workers Scripts Write");
    }
}
