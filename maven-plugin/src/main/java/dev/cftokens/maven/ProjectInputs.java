package dev.cftokens.maven;

import dev.cftokens.runtime.Declarations;
import dev.cftokens.runtime.Declarations.InputProblem;
import dev.cftokens.runtime.Declarations.InputProblem.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The plugin's input values, keyed {@code <declaration id>.<input>} as in {@code <inputs>} and {@code
 * -Dcftokens.inputs.<id>.<input>=...}, checked against the declarations found.
 */
final class ProjectInputs {
    /** The prefix of the user properties that give input values. */
    static final String INPUT_PROPERTY = "cftokens.inputs.";

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
     * The runtime's check of the inputs ({@link Declarations.Found#problems}) in the plugin's words: fails
     * naming every input no declaration has, else every value that cannot be used, else every declaration
     * left without an input value.
     */
    static void check(Map<String, Map<String, String>> given, Declarations.Found found) throws MojoFailureException {
        List<InputProblem> problems = found.problems(given);
        List<String> unknown = keys(problems, Set.of(Kind.UNKNOWN_DECLARATION, Kind.NO_INPUTS, Kind.UNKNOWN_INPUT));
        if (!unknown.isEmpty()) {
            throw new MojoFailureException(
                    "cftokens: inputs name no input of a declaration: " + String.join(", ", unknown)
                            + "; the declarations with inputs are "
                            + found.inputs().entrySet().stream()
                                    .map(entry -> entry.getKey() + " " + entry.getValue())
                                    .collect(Collectors.joining(", ")));
        }
        List<String> unusable = problems.stream()
                .filter(problem -> problem.kind() == Kind.BLANK || problem.kind() == Kind.CONTROL_CHARACTER)
                .map(problem -> problem.declarationId() + "." + problem.input()
                        + (problem.kind() == Kind.BLANK
                                ? " is blank"
                                : " holds a line break or another control character"))
                .toList();
        if (!unusable.isEmpty()) {
            throw new MojoFailureException("cftokens: input values cannot be used: " + String.join(", ", unusable)
                    + "; give each the value its input stands for, on one line, in the plugin's <inputs> or as"
                    + " -D" + INPUT_PROPERTY + "<id>.<input>=<value>");
        }
        List<String> missing = keys(problems, Set.of(Kind.MISSING));
        if (!missing.isEmpty()) {
            StringBuilder flags = new StringBuilder();
            missing.forEach(key ->
                    flags.append(" -D").append(INPUT_PROPERTY).append(key).append("=<value>"));
            throw new MojoFailureException("cftokens: input values are missing: " + String.join(", ", missing)
                    + "; give them in the plugin's <inputs> (<" + missing.get(0) + ">value</" + missing.get(0)
                    + ">) or on the command line:" + flags);
        }
    }

    /** {@code <id>.<input>} of each problem of these kinds, in order. */
    private static List<String> keys(List<InputProblem> problems, Set<Kind> kinds) {
        return problems.stream()
                .filter(problem -> kinds.contains(problem.kind()))
                .map(problem -> problem.declarationId() + "." + problem.input())
                .toList();
    }
}
