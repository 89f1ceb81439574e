package dev.cftokens.spring;

import dev.cftokens.runtime.TokenProvisioner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which declarations the application provisions ({@code cftokens.declarations}, default all it carries),
 * and their provisioners made with the values of {@code cftokens.inputs}. Ids and input names match
 * relaxed, as Spring binds properties: case, dashes and underscores aside ({@code zone-id} is {@code zoneId}),
 * so environment variables such as {@code CFTOKENS_INPUTS_RESTRICTEDTOKEN_ZONEID} work too.
 */
final class DeclarationSelection {
    private DeclarationSelection() {}

    /** The declarations {@code wanted} names (ids or interface or provisioner class names), or all. */
    static List<DeclaredToken> select(Map<String, DeclaredToken> found, List<String> wanted, ClassLoader loader) {
        if (wanted.isEmpty()) {
            return List.copyOf(found.values());
        }
        Map<String, DeclaredToken> selected = new LinkedHashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            String name = wanted.get(i).strip();
            DeclaredToken token = byId(found, name)
                    .or(() -> byClassName(found, name, loader))
                    .orElseThrow(() -> new UnknownDeclarationException("cftokens.declarations", name, found.keySet()));
            selected.putIfAbsent(token.id(), token);
        }
        return List.copyOf(selected.values());
    }

    /**
     * One provisioner per declaration, with its input values from {@code inputs} (by declaration id, then
     * input name).
     *
     * @throws UnknownDeclarationException when {@code inputs} names a declaration not selected
     * @throws MissingInputException naming every input without a value
     */
    static List<TokenProvisioner<?>> provisioners(List<DeclaredToken> tokens, Map<String, Map<String, String>> inputs) {
        Map<String, Map<String, String>> byId = new LinkedHashMap<>();
        inputs.forEach((id, values) -> {
            DeclaredToken token = tokens.stream()
                    .filter(candidate -> relaxed(candidate.id()).equals(relaxed(id)))
                    .findFirst()
                    .orElseThrow(() -> new UnknownDeclarationException(
                            "cftokens.inputs." + id,
                            id,
                            tokens.stream().map(DeclaredToken::id).toList()));
            byId.put(token.id(), values == null ? Map.of() : values);
        });
        List<TokenProvisioner<?>> provisioners = new ArrayList<>();
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (DeclaredToken token : tokens) {
            Map<String, String> given = byId.getOrDefault(token.id(), Map.of());
            List<String> values = new ArrayList<>();
            for (String input : token.inputs()) {
                Optional<String> value = given.entrySet().stream()
                        .filter(entry -> relaxed(entry.getKey()).equals(relaxed(input)))
                        .map(Map.Entry::getValue)
                        .findFirst();
                if (value.isPresent()) {
                    values.add(value.get());
                } else {
                    missing.computeIfAbsent(token.id(), id -> new ArrayList<>()).add(input);
                }
            }
            if (!missing.containsKey(token.id())) {
                provisioners.add(token.provisioner(values));
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingInputException(missing);
        }
        return provisioners;
    }

    private static Optional<DeclaredToken> byId(Map<String, DeclaredToken> found, String name) {
        return found.values().stream()
                .filter(token -> relaxed(token.id()).equals(relaxed(name)))
                .findFirst();
    }

    /** A declaring interface's name, or a provisioner's, even one not recorded under META-INF/cftokens. */
    private static Optional<DeclaredToken> byClassName(
            Map<String, DeclaredToken> found, String name, ClassLoader loader) {
        Optional<DeclaredToken> byInterface = found.values().stream()
                .filter(token -> token.tokenType().getName().equals(name)
                        || token.tokenType().getCanonicalName().equals(name))
                .findFirst();
        if (byInterface.isPresent() || !name.contains(".")) {
            return byInterface;
        }
        try {
            Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        return Optional.of(DeclaredToken.of(ClassPathDeclarations.createMethod(loader, name, "cftokens.declarations")));
    }

    /** The form relaxed binding compares: lower case, no dashes, underscores or dots. */
    static String relaxed(String name) {
        return name.replaceAll("[-_.]", "").toLowerCase(Locale.ROOT);
    }
}
