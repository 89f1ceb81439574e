package dev.cftokens.runtime.workers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cftokens.core.json.JsonTrees;
import dev.cftokens.runtime.Cloudflare;
import dev.cftokens.runtime.Secret;
import dev.cftokens.runtime.internal.http.ApiTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.RequestBody;
import okio.Buffer;

/**
 * The Workers scripts API of a {@link Cloudflare} client's account, obtained from {@link
 * Cloudflare#workers()}. {@link Worker#deploy} and {@link WorkerSecrets} go through it.
 */
public final class WorkerScripts {
    /** Part name of a service-worker script, named by {@code body_part} in the metadata. */
    static final String SERVICE_WORKER_PART = "worker.js";

    // Strings, not OkHttp's MediaType: Cloudflare's constructor builds this class, and an application
    // starting with unchanged tokens never loads OkHttp.
    private static final String JSON = "application/json";
    private static final String SERVICE_WORKER = "application/javascript";
    private static final String ES_MODULE = "application/javascript+module";

    private final ApiTransport transport;
    private final Supplier<String> accountId;
    private final FollowedBindings followed = new FollowedBindings(this);

    /**
     * For {@link Cloudflare} only; use {@link Cloudflare#workers()}.
     *
     * @param transport the client's transport
     * @param accountId gives the account id, asked for on the first request
     */
    public WorkerScripts(ApiTransport transport, Supplier<String> accountId) {
        this.transport = requireNonNull(transport, "transport");
        this.accountId = requireNonNull(accountId, "accountId");
    }

    /**
     * {@code PUT /accounts/{id}/workers/scripts/{name}} as {@code multipart/form-data}: a {@code metadata}
     * JSON part ({@code main_module} or {@code body_part}, {@code compatibility_date}, {@code bindings},
     * and {@code keep_bindings} when {@link Worker#keepBindings} set any) and the script part.
     *
     * @param worker the script, its bindings and the binding types to keep
     */
    public void upload(Worker worker) {
        requireNonNull(worker, "worker");
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        String partName;
        String scriptType;
        if (worker.moduleName() != null) {
            partName = worker.moduleName();
            scriptType = ES_MODULE;
            metadata.put("main_module", partName);
        } else {
            partName = SERVICE_WORKER_PART;
            scriptType = SERVICE_WORKER;
            metadata.put("body_part", partName);
        }
        metadata.put("compatibility_date", worker.compatibilityDate());
        ArrayNode bindings = metadata.putArray("bindings");
        for (Worker.Binding binding : worker.bindings()) {
            ObjectNode node = bindings.addObject();
            node.put("type", binding.type());
            node.put("name", binding.name());
            node.put("text", binding.secret() != null ? binding.secret().reveal() : binding.text());
        }
        if (!worker.keptBindingTypes().isEmpty()) {
            ArrayNode keep = metadata.putArray("keep_bindings");
            worker.keptBindingTypes().forEach(keep::add);
        }
        MultipartBody body = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("metadata", null, RequestBody.create(bytes(metadata), MediaType.get(JSON)))
                .addFormDataPart(partName, partName, RequestBody.create(worker.source(), MediaType.get(scriptType)))
                .build();
        Buffer bytes = new Buffer();
        try {
            body.writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the upload of " + worker.name() + " to memory", e);
        }
        transport.send("PUT", scriptPath(worker.name()), body.contentType().toString(), bytes.readByteArray());
    }

    /**
     * {@code PUT /accounts/{id}/workers/scripts/{script}/secrets} with {@code {name, text, type: secret_text}}.
     *
     * @param scriptName the Worker script, which must exist
     * @param secretName the binding name the script reads
     * @param value the value to set
     */
    public void putSecret(String scriptName, String secretName, Secret value) {
        requireNonNull(value, "value");
        Worker.checkScriptName(scriptName);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("name", Worker.checkBindingName(secretName));
        body.put("text", value.reveal());
        body.put("type", "secret_text");
        transport.sendJson("PUT", scriptPath(scriptName) + "/secrets", body);
    }

    /** {@return the secrets that deploys through this client made follow a token} */
    FollowedBindings followed() {
        return followed;
    }

    private String scriptPath(String scriptName) {
        return "/accounts/" + accountId.get() + "/workers/scripts/" + scriptName;
    }

    private static byte[] bytes(ObjectNode node) {
        return JsonTrees.writeBytes(node);
    }

    @Override
    public String toString() {
        return "WorkerScripts";
    }
}
