package dev.cftokens.cli;

import dev.cftokens.runtime.Declarations;
import dev.cftokens.runtime.Declarations.InputProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The runtime's check of the {@code --input} values ({@link Declarations.Found#problems}) in the command
 * line's words: the flags to fix first, then every missing value, since a run without one would leave its
 * token out while saying that all is in place.
 */
final class InputCheck {
    private InputCheck() {}

    /** @throws UsageException naming what is wrong and what the declarations' inputs are */
    static void check(Map<String, Map<String, String>> given, Declarations.Found found) {
        List<InputProblem> problems = found.problems(given);
        // One sentence per unknown declaration, however many of its inputs were given.
        Set<String> wrong = new LinkedHashSet<>();
        problems.stream()
                .filter(problem -> problem.kind() != InputProblem.Kind.MISSING)
                .forEach(problem -> wrong.add(describe(problem, given, found)));
        if (!wrong.isEmpty()) {
            throw new UsageException(String.join("; ", wrong));
        }
        List<InputProblem> missing = problems.stream()
                .filter(problem -> problem.kind() == InputProblem.Kind.MISSING)
                .toList();
        if (!missing.isEmpty()) {
            throw new UsageException(missing(missing, found));
        }
    }

    private static String describe(
            InputProblem problem, Map<String, Map<String, String>> given, Declarations.Found found) {
        String flag = "--input " + problem.declarationId() + "." + problem.input();
        return switch (problem.kind()) {
            case UNKNOWN_DECLARATION -> unknownDeclaration(problem.declarationId(), false, found);
            case NO_INPUTS -> unknownDeclaration(problem.declarationId(), true, found);
            case UNKNOWN_INPUT ->
                "--input names the input " + Quoted.of(problem.input()) + " of "
                        + problem.declarationId() + ", which has no input of that name; its inputs are "
                        + String.join(", ", problem.declaredInputs());
            case BLANK ->
                flag + " has the value " + Quoted.of(value(problem, given))
                        + ", which is blank; give the value the input stands for";
            case CONTROL_CHARACTER ->
                flag + " has the value " + Quoted.of(value(problem, given))
                        + ", with a line break or another control character; give the value on one line";
            case MISSING -> throw new IllegalArgumentException("a missing value is told with the others");
        };
    }

    private static String value(InputProblem problem, Map<String, Map<String, String>> given) {
        String value = given.get(problem.declarationId()).get(problem.input());
        return value == null ? "" : value;
    }

    private static String unknownDeclaration(String id, boolean withoutInputs, Declarations.Found found) {
        String known = found.inputs().isEmpty()
                ? "no declaration found has inputs"
                : "the declarations with inputs are "
                        + found.inputs().entrySet().stream()
                                .map(entry -> entry.getKey() + " (" + String.join(", ", entry.getValue()) + ")")
                                .collect(Collectors.joining(", "));
        return "--input names the token " + Quoted.of(id)
                + (withoutInputs ? ", which has no inputs" : ", but no declaration has that id") + "; " + known;
    }

    private static String missing(List<InputProblem> missing, Declarations.Found found) {
        Map<String, String> classNames = new LinkedHashMap<>();
        found.needsInputs().forEach(needs -> classNames.put(needs.declarationId(), needs.className()));
        Map<String, List<String>> byDeclaration = new LinkedHashMap<>();
        missing.forEach(problem -> byDeclaration
                .computeIfAbsent(problem.declarationId(), id -> new ArrayList<>())
                .add(problem.input()));
        List<String> declarations = new ArrayList<>();
        StringBuilder flags = new StringBuilder();
        byDeclaration.forEach((id, inputs) -> {
            String className = classNames.get(id);
            declarations.add(
                    id + (className == null ? "" : " (" + className + ")") + " needs " + String.join(", ", inputs));
            inputs.forEach(input -> flags.append(" --input ")
                    .append(id)
                    .append('.')
                    .append(input)
                    .append("=<value>"));
        });
        return "not every input value was given, so nothing was planned or applied: " + String.join("; ", declarations)
                + ". Give" + flags;
    }
}
