package dev.cftokens.spring;

import static java.util.Objects.requireNonNull;

import dev.cftokens.runtime.Declarations;
import java.util.List;

/**
 * The declarations this application provisions at startup, as found when its beans were defined, and
 * where they were found (to load their provisioners with input values).
 */
record SelectedDeclarations(Declarations declarations, List<DeclaredToken> tokens) {
    SelectedDeclarations {
        requireNonNull(declarations, "declarations");
        tokens = List.copyOf(tokens);
    }
}
