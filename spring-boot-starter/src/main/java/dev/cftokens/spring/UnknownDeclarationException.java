package dev.cftokens.spring;

import java.util.Collection;
import java.util.List;

/** A property names a declaration the application does not carry. */
public class UnknownDeclarationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String property;
    private final String name;
    private final List<String> known;

    /**
     * @param property the property that names it, such as {@code cftokens.declarations[0]}
     * @param name the unknown id or class name as given
     * @param known the ids of the declarations the application carries
     */
    public UnknownDeclarationException(String property, String name, Collection<String> known) {
        super(property + " names \"" + name + "\", which is not a declaration of this application; "
                + (known.isEmpty() ? "it carries none" : "it carries " + String.join(", ", known)));
        this.property = property;
        this.name = name;
        this.known = List.copyOf(known);
    }

    public String property() {
        return property;
    }

    public String name() {
        return name;
    }

    public List<String> known() {
        return known;
    }
}
