package dev.cftokens.spring;

import dev.cftokens.runtime.Declarations;
import dev.cftokens.runtime.Declarations.InputProblem;
import dev.cftokens.runtime.TokenProvisioner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which declarations the application provisions ({@code cftokens.declarations}, default all it carries),
 * and their provisioners made with the values of {@code cftokens.inputs}. Ids and input names match
 * relaxed, as Spring binds properties: case, dashes and underscores aside ({@code zone-id} is {@code zoneId}),
 * so environment variables such as {@code CFTOKENS_INPUTS_ZONETOKEN_ZONEID} work too.
 */
final class DeclarationSelection {
    private DeclarationSelection() {}

    /**
     * Every declaration {@code declarations} finds, known by a probe provisioner made with empty input
     * values (read, never provisioned).
     */
    static List<DeclaredToken> found(Declarations declarations) {
        Map<String, Map<String, String>> placeholders = new LinkedHashMap<>();
        declarations
                .load(Map.of())
                .inputs()
                .forEach((id, inputs) ->
                        placeholders.put(id, inputs.stream().collect(Collectors.toMap(input -> input, input -> ""))));
        return declarations.load(placeholders).provisioners().stream()
                .map(DeclaredToken::of)
                .toList();
    }

    /** The declarations {@code wanted} names (ids or declaring interface names), or all when it is empty. */
    static List<DeclaredToken> select(List<DeclaredToken> found, List<String> wanted) {
        if (wanted.isEmpty()) {
            return found;
        }
        Map<String, DeclaredToken> selected = new LinkedHashMap<>();
        for (String entry : wanted) {
            String name = entry.strip();
            DeclaredToken token = found.stream()
                    .filter(candidate -> relaxed(candidate.id()).equals(relaxed(name))
                            || candidate.tokenType().getName().equals(name)
                            || candidate.tokenType().getCanonicalName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new UnknownDeclarationException("cftokens.declarations", name, ids(found)));
            selected.putIfAbsent(token.id(), token);
        }
        return List.copyOf(selected.values());
    }

    /**
     * One provisioner per selected declaration, with its input values from {@code inputs} (by declaration
     * id, then input name), or else, for a declaration given none of them, those {@code recorded} has for it
     * (a service served from the state is given the values it was applied with). The values are checked by
     * the runtime ({@link Declarations.Found#problems}), as the command line's and the build's are.
     *
     * @throws UnknownDeclarationException when {@code inputs} names a declaration not selected
     * @throws UnsetPlaceholderException naming every input whose value is a placeholder nothing resolved
     * @throws InvalidInputException naming every input the declaration does not have and every value that
     *     cannot be used
     * @throws MissingInputException naming every input without a value
     */
    static List<TokenProvisioner<?>> provisioners(
            Declarations declarations,
            List<DeclaredToken> selected,
            Map<String, Map<String, String>> inputs,
            Map<String, Map<String, String>> recorded) {
        Map<String, Map<String, String>> exact = new LinkedHashMap<>();
        Map<String, String> unresolved = new LinkedHashMap<>();
        inputs.forEach((id, values) -> {
            DeclaredToken token = selected.stream()
                    .filter(candidate -> relaxed(candidate.id()).equals(relaxed(id)))
                    .findFirst()
                    .orElseThrow(() -> new UnknownDeclarationException("cftokens.inputs." + id, id, ids(selected)));
            Map<String, String> byInput = new LinkedHashMap<>();
            (values == null ? Map.<String, String>of() : values).forEach((input, value) -> {
                if (UnsetPlaceholderException.holdsPlaceholder(value)) {
                    unresolved.put("cftokens.inputs." + id + "." + input, value);
                }
                // A name no input matches stays as given, for the runtime to name.
                byInput.put(inputName(token, input).orElse(input), value);
            });
            exact.put(token.id(), byInput);
        });
        if (!unresolved.isEmpty()) {
            throw new UnsetPlaceholderException(unresolved);
        }
        for (DeclaredToken token : selected) {
            Map<String, String> applied = recorded.getOrDefault(token.id(), Map.of());
            if (!token.inputs().isEmpty()
                    && !exact.containsKey(token.id())
                    && applied.keySet().containsAll(token.inputs())) {
                // Only the inputs the declaration still has: a record may hold one it has since dropped.
                Map<String, String> values = new LinkedHashMap<>();
                token.inputs().forEach(input -> values.put(input, applied.get(input)));
                exact.put(token.id(), values);
            }
        }
        Set<String> ids = Set.copyOf(ids(selected));
        Declarations.Found found = declarations.load(exact);
        List<InputProblem> problems = found.problems(exact).stream()
                .filter(problem -> ids.contains(problem.declarationId()))
                .toList();
        List<InputProblem> invalid = problems.stream()
                .filter(problem -> problem.kind() != InputProblem.Kind.MISSING)
                .toList();
        if (!invalid.isEmpty()) {
            throw new InvalidInputException(invalid);
        }
        Map<String, List<String>> missing = new LinkedHashMap<>();
        problems.forEach(problem -> missing.computeIfAbsent(problem.declarationId(), id -> new ArrayList<>())
                .add(problem.input()));
        if (!missing.isEmpty()) {
            throw new MissingInputException(missing);
        }
        List<TokenProvisioner<?>> provisioners = new ArrayList<>();
        for (TokenProvisioner<?> provisioner : found.provisioners()) {
            if (ids.contains(provisioner.declaration().id())) {
                provisioners.add(provisioner);
            }
        }
        return provisioners;
    }

    /** The declared input {@code name} stands for, relaxed. */
    private static Optional<String> inputName(DeclaredToken token, String name) {
        return token.inputs().stream()
                .filter(input -> relaxed(input).equals(relaxed(name)))
                .findFirst();
    }

    private static List<String> ids(List<DeclaredToken> tokens) {
        return tokens.stream().map(DeclaredToken::id).toList();
    }

    /** The form relaxed binding compares: lower case, no dashes, underscores or dots. */
    static String relaxed(String name) {
        return name.replaceAll("[-_.]", "").toLowerCase(Locale.ROOT);
    }
}
