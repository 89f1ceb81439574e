package dev.cftokens.maven;

import dev.cftokens.runtime.Declarations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The plugin's input values, keyed {@code <declaration id>.<input>} as in {@code <inputs>} and {@code
 * -Dcftokens.inputs.<id>.<input>=...}, checked against the declarations found.
 */
final class ProjectInputs {
    private ProjectInputs() {}

    /** {@code restricted-token.zoneId=...} as {@code {restricted-token={zoneId=...}}}. */
    static Map<String, Map<String, String>> byDeclaration(Map<String, String> inputs) throws MojoFailureException {
        Map<String, Map<String, String>> byId = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : inputs.entrySet()) {
            String key = entry.getKey();
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new MojoFailureException("cftokens: the input \"" + key + "\" should be named"
                        + " <declaration id>.<input>, such as restricted-token.zoneId");
            }
            byId.computeIfAbsent(key.substring(0, dot), id -> new LinkedHashMap<>())
                    .put(key.substring(dot + 1), entry.getValue());
        }
        return byId;
    }

    /**
     * Fails naming every input no declaration has, and every declaration left without an input value.
     */
    static void check(Map<String, Map<String, String>> given, Declarations.Found found) throws MojoFailureException {
        Map<String, List<String>> declared = found.inputs();
        List<String> unknown = given.entrySet().stream()
                .flatMap(entry -> entry.getValue().keySet().stream()
                        .filter(input -> !declared.getOrDefault(entry.getKey(), List.of())
                                .contains(input))
                        .map(input -> entry.getKey() + "." + input))
                .toList();
        if (!unknown.isEmpty()) {
            throw new MojoFailureException(
                    "cftokens: inputs name no input of a declaration: " + String.join(", ", unknown)
                            + "; the declarations with inputs are "
                            + declared.entrySet().stream()
                                    .map(entry -> entry.getKey() + " " + entry.getValue())
                                    .collect(Collectors.joining(", ")));
        }
        if (!found.needsInputs().isEmpty()) {
            List<String> missing = found.needsInputs().stream()
                    .flatMap(needs -> needs.missingInputs().stream().map(input -> needs.declarationId() + "." + input))
                    .toList();
            StringBuilder flags = new StringBuilder();
            missing.forEach(
                    key -> flags.append(" -Dcftokens.inputs.").append(key).append("=<value>"));
            throw new MojoFailureException("cftokens: input values are missing: " + String.join(", ", missing)
                    + "; give them in the plugin's <inputs> (<" + missing.get(0) + ">value</" + missing.get(0)
                    + ">) or on the command line:" + flags);
        }
    }
}
