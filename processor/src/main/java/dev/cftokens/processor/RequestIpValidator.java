package dev.cftokens.processor;

import dev.cftokens.core.model.RequestIpCondition;
import dev.cftokens.core.rules.Cidr;
import dev.cftokens.core.rules.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Checks {@code @RequestIp}: every entry a CIDR (errors), and warns about duplicates and about a
 * {@code notIn} range that excludes nothing because it lies outside every {@code in} range.
 */
final class RequestIpValidator {
    /** The condition of the valid entries, duplicates dropped. */
    RequestIpCondition validate(AnnotationAttributes requestIp, Reporter reporter) {
        Map<String, String> seen = new LinkedHashMap<>();
        Map<Cidr, AnnotatedString> in = parse(requestIp, "in", seen, reporter);
        Map<Cidr, AnnotatedString> notIn = parse(requestIp, "notIn", seen, reporter);
        if (!in.isEmpty()) {
            for (Map.Entry<Cidr, AnnotatedString> excluded : notIn.entrySet()) {
                if (!overlapsAny(excluded.getKey(), in.keySet())) {
                    StringJoiner ranges = new StringJoiner(", ");
                    in.keySet().forEach(range -> ranges.add(range.toString()));
                    reporter.report(
                            Message.NOT_IN_OUTSIDE_IN,
                            excluded.getValue().location(),
                            excluded.getValue().value(),
                            ranges.toString());
                }
            }
        }
        return new RequestIpCondition(canonical(in), canonical(notIn));
    }

    private static Map<Cidr, AnnotatedString> parse(
            AnnotationAttributes requestIp, String attribute, Map<String, String> seen, Reporter reporter) {
        Map<Cidr, AnnotatedString> ranges = new LinkedHashMap<>();
        for (AnnotatedString entry : requestIp.strings(attribute)) {
            Cidr cidr;
            try {
                cidr = Cidr.parse(entry.value());
            } catch (InvalidValueException e) {
                reporter.report(Message.INVALID_CIDR, entry.location(), e.getMessage());
                continue;
            }
            String where = attribute + " \"" + entry.value() + "\"";
            String first = seen.putIfAbsent(cidr.toString(), where);
            if (first != null) {
                reporter.report(Message.DUPLICATE_CIDR, entry.location(), entry.value(), first);
            } else {
                ranges.put(cidr, entry);
            }
        }
        return ranges;
    }

    /** CIDR ranges are nested or disjoint, so two overlap exactly when one contains the other. */
    private static boolean overlapsAny(Cidr range, Iterable<Cidr> others) {
        for (Cidr other : others) {
            if (other.contains(range) || range.contains(other)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> canonical(Map<Cidr, AnnotatedString> ranges) {
        Set<String> canonical = new LinkedHashSet<>();
        ranges.keySet().forEach(range -> canonical.add(range.toString()));
        return canonical;
    }
}
