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
import dev.cftokens.emulator.workers.WorkerScripts;
import dev.cftokens.emulator.workers.WorkerUploadReader;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Worker script upload, secrets, and the read-back of a script's bindings (names and types; a secret's
 * text never leaves through HTTP).
 */
final class WorkerEndpoints {
    private static final String SCRIPT = "/accounts/{account_id}/workers/scripts/{script_name}";

    private final Identity identity;
    private final Permissions permissions;
    private final WorkerScripts scripts;
    private final Clock clock;

    WorkerEndpoints(Identity identity, Permissions permissions, WorkerScripts scripts, Clock clock) {
        this.identity = identity;
        this.permissions = permissions;
        this.scripts = scripts;
        this.clock = clock;
    }

    void register(Router<Endpoint> router) {
        router.add("PUT", SCRIPT, new Endpoint(RequestKind.UPLOAD_WORKER_SCRIPT, this::upload));
        router.add("PUT", SCRIPT + "/secrets", new Endpoint(RequestKind.PUT_WORKER_SECRET, this::putSecret));
        router.add("GET", SCRIPT + "/secrets", new Endpoint(RequestKind.LIST_WORKER_SECRETS, this::listSecrets));
        router.add("GET", SCRIPT + "/settings", new Endpoint(RequestKind.GET_WORKER_SETTINGS, this::settings));
    }

    private ApiResponse upload(ApiRequest request, Caller caller) {
        String name = authorize(request, caller, true);
        MultipartForm form = MultipartForm.parse(request.header("Content-Type"), request.body());
        WorkerScript script =
                WorkerUploadReader.read(name, form, scripts.get(name).orElse(null), now());
        scripts.put(script);
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
        return ApiResponse.ok(result);
    }

    private ApiResponse putSecret(ApiRequest request, Caller caller) {
        String name = authorize(request, caller, true);
        WorkerBinding secret = WorkerUploadReader.readSecret(Json.parse(request.body(), "request body"));
        scripts.putSecret(name, secret, now());
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
            permissions.require(
                    caller,
                    identity.accountResourceKey(),
                    "read Worker scripts",
                    "Workers Scripts Read",
                    "Workers Scripts Write");
        }
        return WorkerUploadReader.checkName(request.pathParam("script_name"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
