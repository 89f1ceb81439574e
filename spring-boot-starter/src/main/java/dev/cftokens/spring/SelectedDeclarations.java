package dev.cftokens.spring;

import java.util.List;

/** The declarations this application provisions at startup, as found when its beans were defined. */
record SelectedDeclarations(List<DeclaredToken> tokens) {
    SelectedDeclarations {
        tokens = List.copyOf(tokens);
    }
}
