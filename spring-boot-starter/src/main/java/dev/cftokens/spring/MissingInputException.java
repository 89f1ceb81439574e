package dev.cftokens.spring;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Declarations need input values that no {@code cftokens.inputs.<id>.<input>} property gives. */
public class MissingInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Map<String, List<String>> missing;

    /** @param missing the missing input names by declaration id */
    public MissingInputException(Map<String, List<String>> missing) {
        super("Tokens need input values that are not set: " + properties(missing));
        this.missing = Map.copyOf(missing);
    }

    /** The missing input names by declaration id. */
    public Map<String, List<String>> missing() {
        return missing;
    }

    /** {@code cftokens.inputs.restricted-token.zoneId, ...}: the properties to set. */
    public static String properties(Map<String, List<String>> missing) {
        return missing.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .flatMap(entry ->
                        entry.getValue().stream().map(input -> "cftokens.inputs." + entry.getKey() + "." + input))
                .collect(Collectors.joining(", "));
    }
}
