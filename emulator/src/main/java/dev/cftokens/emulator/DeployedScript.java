package dev.cftokens.emulator;

import dev.cftokens.emulator.workers.WorkerScript;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Worker script as uploaded to the emulator, for test assertions: its entry point, module names and
 * bindings by name and type. Secret texts are not here; {@link CloudflareEmulator#workerSecretText} reads
 * one on purpose.
 *
 * @param name the script's name
 * @param mainModule the ES module entry point, or null for a service-worker script
 * @param bodyPart the service-worker part, or null for an ES module script
 * @param compatibilityDate the {@code compatibility_date}, {@code YYYY-MM-DD}
 * @param modules the names of the parts holding code
 * @param bindings the bindings, in upload order
 */
public record DeployedScript(
        String name,
        String mainModule,
        String bodyPart,
        String compatibilityDate,
        List<String> modules,
        List<Binding> bindings) {
    /**
     * A binding's name and type, such as {@code API_TOKEN} / {@code secret_text}.
     *
     * @param name the binding's name, such as {@code API_TOKEN}
     * @param type its type, such as {@code secret_text}
     */
    public record Binding(String name, String type) {}

    /**
     * Copies the lists.
     *
     * @param name the script's name
     * @param mainModule the ES module entry point, or null for a service-worker script
     * @param bodyPart the service-worker part, or null for an ES module script
     * @param compatibilityDate the {@code compatibility_date}, {@code YYYY-MM-DD}
     * @param modules the names of the parts holding code
     * @param bindings the bindings, in upload order
     */
    public DeployedScript {
        modules = List.copyOf(modules);
        bindings = List.copyOf(bindings);
    }

    /**
     * {@return the binding of this name, if there is one}
     *
     * @param bindingName the binding's name, such as {@code API_TOKEN}
     */
    public Optional<Binding> binding(String bindingName) {
        return bindings.stream().filter(b -> b.name().equals(bindingName)).findFirst();
    }

    static DeployedScript of(WorkerScript script) {
        return new DeployedScript(
                script.name(),
                script.mainModule(),
                script.bodyPart(),
                script.compatibilityDate(),
                script.modules().stream().map(WorkerScript.Module::name).collect(Collectors.toList()),
                script.bindings().stream()
                        .map(b -> new Binding(b.name(), b.type()))
                        .collect(Collectors.toList()));
    }
}
