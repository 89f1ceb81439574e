package dev.cftokens.cli;

import dev.cftokens.runtime.Declarations;
import dev.cftokens.runtime.TokenProvisioner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks the {@code --input} values against the declarations found: each must name a declaration's real
 * input and hold a value on one line, and every declaration with inputs must have all of them, since a
 * run without one would leave its token out while saying that all is in place.
 */
final class InputCheck {
    private InputCheck() {}

    /** @throws UsageException naming what is wrong and what the declarations' inputs are */
    static void check(Map<String, Map<String, String>> given, Declarations.Found found) {
        given.forEach((id, values) -> {
            List<String> declared = found.inputs().get(id);
            if (declared == null) {
                throw new UsageException(unknownDeclaration(id, found));
            }
            values.forEach((input, value) -> {
                if (!declared.contains(input)) {
                    throw new UsageException("--input names the input " + Quoted.of(input) + " of " + id
                            + ", which has no input of that name; its inputs are " + String.join(", ", declared));
                }
                if (Quoted.hasControlCharacters(value)) {
                    throw new UsageException("--input " + id + "." + input + " has the value " + Quoted.of(value)
                            + ", with a line break or another control character; give the value on one line");
                }
            });
        });
        if (!found.needsInputs().isEmpty()) {
            throw new UsageException(missing(found.needsInputs()));
        }
    }

    private static String unknownDeclaration(String id, Declarations.Found found) {
        boolean withoutInputs = found.provisioners().stream()
                .map(TokenProvisioner::declaration)
                .anyMatch(declaration ->
                        declaration.id().equals(id) && declaration.inputs().isEmpty());
        String known = found.inputs().isEmpty()
                ? "no declaration found has inputs"
                : "the declarations with inputs are "
                        + found.inputs().entrySet().stream()
                                .map(entry -> entry.getKey() + " (" + String.join(", ", entry.getValue()) + ")")
                                .collect(Collectors.joining(", "));
        return "--input names the token " + Quoted.of(id)
                + (withoutInputs ? ", which has no inputs" : ", but no declaration has that id") + "; " + known;
    }

    private static String missing(List<Declarations.NeedsInputs> needsInputs) {
        List<String> declarations = new ArrayList<>();
        StringBuilder flags = new StringBuilder();
        for (Declarations.NeedsInputs declaration : needsInputs) {
            declarations.add(declaration.declarationId() + " (" + declaration.className() + ") needs "
                    + String.join(", ", declaration.missingInputs()));
            declaration
                    .missingInputs()
                    .forEach(input -> flags.append(" --input ")
                            .append(declaration.declarationId())
                            .append('.')
                            .append(input)
                            .append("=<value>"));
        }
        return "not every input value was given, so nothing was planned or applied: " + String.join("; ", declarations)
                + ". Give" + flags;
    }
}
