package dev.cftokens.emulator.workers;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An uploaded Worker script: which part is its entry point, the modules it was uploaded with, and its
 * bindings.
 *
 * @param name the script's name
 * @param mainModule the ES module entry point, or null for a service-worker script
 * @param bodyPart the service-worker script part, or null for an ES module script
 * @param compatibilityDate the {@code compatibility_date}, {@code YYYY-MM-DD}
 * @param modules the parts holding code
 * @param bindings the bindings, in upload order
 * @param etag the hex SHA-256 of the code parts
 * @param createdOn when the script was first uploaded
 * @param modifiedOn when it last changed
 */
public record WorkerScript(
        String name,
        String mainModule,
        String bodyPart,
        String compatibilityDate,
        List<Module> modules,
        List<WorkerBinding> bindings,
        String etag,
        Instant createdOn,
        Instant modifiedOn) {
    /**
     * One uploaded part holding code: its file name, content type and bytes (kept for the download).
     *
     * @param name the part's file name
     * @param contentType the part's content type, or null
     * @param content the part's bytes
     */
    public record Module(String name, String contentType, byte[] content) {
        /**
         * Copies {@code content}.
         *
         * @param name the part's file name
         * @param contentType the part's content type, or null
         * @param content the part's bytes
         * @throws NullPointerException when {@code name} or {@code content} is null
         */
        public Module {
            requireNonNull(name, "name");
            content = content.clone();
        }

        /** {@return a copy of the part's bytes} */
        @Override
        public byte[] content() {
            return content.clone();
        }

        /** {@return the number of bytes} */
        public int size() {
            return content.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Module that
                    && name.equals(that.name)
                    && java.util.Objects.equals(contentType, that.contentType)
                    && java.util.Arrays.equals(content, that.content);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(name, contentType, java.util.Arrays.hashCode(content));
        }

        @Override
        public String toString() {
            return "Module{" + name + ", " + contentType + ", " + content.length + " bytes}";
        }
    }

    /**
     * Copies the lists.
     *
     * @param name the script's name
     * @param mainModule the ES module entry point, or null for a service-worker script
     * @param bodyPart the service-worker script part, or null for an ES module script
     * @param compatibilityDate the {@code compatibility_date}, {@code YYYY-MM-DD}
     * @param modules the parts holding code
     * @param bindings the bindings, in upload order
     * @param etag the hex SHA-256 of the code parts
     * @param createdOn when the script was first uploaded
     * @param modifiedOn when it last changed
     * @throws NullPointerException when a required part is null
     */
    public WorkerScript {
        requireNonNull(name, "name");
        modules = List.copyOf(modules);
        bindings = List.copyOf(bindings);
        requireNonNull(etag, "etag");
        requireNonNull(createdOn, "createdOn");
        requireNonNull(modifiedOn, "modifiedOn");
    }

    /**
     * {@return the binding of this name, if there is one}
     *
     * @param bindingName the binding's name
     */
    public Optional<WorkerBinding> binding(String bindingName) {
        return bindings.stream().filter(b -> b.name().equals(bindingName)).findFirst();
    }

    WorkerScript withBindings(List<WorkerBinding> newBindings, Instant now) {
        return new WorkerScript(
                name, mainModule, bodyPart, compatibilityDate, modules, newBindings, etag, createdOn, now);
    }

    @Override
    public String toString() {
        return "WorkerScript{" + name + ", bindings " + bindings + "}";
    }
}
