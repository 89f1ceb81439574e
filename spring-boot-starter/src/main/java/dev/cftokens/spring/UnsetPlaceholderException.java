package dev.cftokens.spring;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Input properties whose value is a placeholder nothing resolved, such as {@code
 * cftokens.inputs.dns-edit-token.zone-id=${ZONE_ID}} with {@code ZONE_ID} unset: Spring Boot leaves the
 * placeholder in the value, which is no input value at all.
 */
public class UnsetPlaceholderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@code ${NAME}} or {@code ${NAME:default}}: only those without a default are left unresolved. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::[^}]*)?}");

    private final Map<String, String> values;

    /** @param values each property holding an unresolved placeholder, with its value as bound */
    public UnsetPlaceholderException(Map<String, String> values) {
        super("Input properties hold placeholders nothing resolved: " + describe(values));
        this.values = Map.copyOf(values);
    }

    /** {@return whether {@code value} still holds a placeholder, as Spring Boot leaves an unresolvable one} */
    static boolean holdsPlaceholder(String value) {
        return value != null && PLACEHOLDER.matcher(value).find();
    }

    /** Each property holding an unresolved placeholder, with its value as bound. */
    public Map<String, String> values() {
        return values;
    }

    /** {@return the variables or properties the placeholders name, such as {@code ZONE_ID}, in order} */
    public List<String> unset() {
        Set<String> names = new LinkedHashSet<>();
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            Matcher matcher = PLACEHOLDER.matcher(entry.getValue());
            while (matcher.find()) {
                names.add(matcher.group(1).strip());
            }
        });
        return List.copyOf(names);
    }

    private static String describe(Map<String, String> values) {
        return String.join(
                ", ",
                values.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(entry -> entry.getKey() + "=" + entry.getValue())
                        .toList());
    }
}
